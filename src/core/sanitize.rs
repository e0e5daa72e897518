//! Makes text from data safe to draw: no control character or escape sequence from an
//! item reaches the terminal.
