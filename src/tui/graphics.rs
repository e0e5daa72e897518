//! The terminal graphics protocol images are drawn with: kitty, iTerm2 or sixel where
//! the terminal has one, Unicode half-blocks everywhere else.
//!
//! The terminal is asked once, before the screen starts, because the query writes
//! escape sequences and reads the answer from stdin in raw mode of its own; doing it
//! later would race the event loop for input. Under tmux the answer describes tmux,
//! not the outer terminal, and pass-through is often off, so tmux gets half-blocks.

use ratatui_image::picker::{Picker, ProtocolType};

/// The protocol asked for with `--image-protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ImageProtocol {
    #[default]
    Auto,
    Kitty,
    Iterm2,
    Sixel,
    Halfblocks,
}

/// Picks the image drawer for this terminal. Only `Auto` and the named graphics
/// protocols talk to the terminal; `Halfblocks` never does.
pub fn picker_for(choice: ImageProtocol) -> Picker {
    let forced = match choice {
        ImageProtocol::Halfblocks => return Picker::halfblocks(),
        ImageProtocol::Auto if std::env::var_os("TMUX").is_some() => {
            tracing::info!("inside tmux; images use half-blocks");
            return Picker::halfblocks();
        }
        ImageProtocol::Auto => None,
        ImageProtocol::Kitty => Some(ProtocolType::Kitty),
        ImageProtocol::Iterm2 => Some(ProtocolType::Iterm2),
        ImageProtocol::Sixel => Some(ProtocolType::Sixel),
    };

    // The query also reports the cell size in pixels, which a forced protocol needs
    // to size its pictures; a failed query leaves half-blocks or a guessed size.
    // ratatui-image waits a bounded time for the answer, so a terminal that does not
    // answer (many do not) costs that once at start-up and then gets half-blocks.
    let mut picker = match Picker::from_query_stdio() {
        Ok(picker) => picker,
        Err(err) => {
            tracing::info!(error = %err, "terminal graphics query failed; images use half-blocks");
            Picker::halfblocks()
        }
    };
    if let Some(protocol) = forced {
        picker.set_protocol_type(protocol);
    }
    tracing::info!(protocol = ?picker.protocol_type(), "image protocol chosen");
    picker
}
