//! Turning the bytes of an item file into a UTF-8 stream.
//!
//! A file is read as UTF-8 unless `--encoding` names another encoding or the file
//! starts with a UTF-16 byte order mark. A UTF-8 byte order mark is skipped. Other
//! encodings are decoded on the fly with `encoding_rs`, so the file is never held in
//! memory as a whole.

use super::error::{ImportError, Problem};
use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_8};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Size of the read buffers in front of the file and behind the decoder.
const BUFFER_BYTES: usize = 64 * 1024;

/// Invalid UTF-8 positions kept while the parser catches up with the scanner. Later
/// ones are dropped and their record is reported at its first byte instead.
const MAX_PENDING_INVALID: usize = 4096;

/// A UTF-8 byte stream over an item file.
pub(crate) struct Source {
    pub reader: Box<dyn BufRead + Send>,
    /// Offset in the file of the first byte of `reader` (3 after a UTF-8 byte order mark).
    /// Offsets in decoded input count decoded bytes, so it is 0 there.
    pub base_offset: u64,
}

/// Opens `path` and sets up decoding: `encoding` when given, else by byte order mark.
/// With `scan_log`, UTF-8 input passes a scanner that records where invalid bytes are,
/// because the CSV parser cannot tell the file offset of a bad byte inside a record.
pub(crate) fn open_source(
    path: &Path,
    encoding: Option<&str>,
    scan_log: Option<Arc<Mutex<ScanLog>>>,
) -> Result<Source, ImportError> {
    let io_error = |source| ImportError::Io { file: path.to_path_buf(), source };
    let file = File::open(path).map_err(io_error)?;
    let mut reader = BufReader::with_capacity(BUFFER_BYTES, file);

    let chosen = match encoding {
        Some(name) => Some(
            Encoding::for_label(name.trim().as_bytes())
                .ok_or_else(|| ImportError::UnknownEncoding { file: path.to_path_buf(), name: name.to_string() })?,
        ),
        None => None,
    };

    let start = reader.fill_buf().map_err(io_error)?;
    let bom = Encoding::for_bom(start);
    let encoding = match (bom, chosen) {
        // A byte order mark wins over the name given, as in the WHATWG decode algorithm.
        (Some((found, _)), _) => found,
        (None, Some(named)) => named,
        (None, None) => UTF_8,
    };

    if encoding == UTF_8 {
        let base_offset = match bom {
            Some((_, bom_len)) => {
                reader.consume(bom_len);
                bom_len as u64
            }
            None => 0,
        };
        let reader: Box<dyn BufRead + Send> = match scan_log {
            Some(log) => Box::new(BufReader::with_capacity(BUFFER_BYTES, Utf8Scan::new(reader, base_offset, log))),
            None => Box::new(reader),
        };
        return Ok(Source { reader, base_offset });
    }

    let decoder = DecodeReader::new(reader, encoding);
    Ok(Source { reader: Box::new(BufReader::with_capacity(BUFFER_BYTES, decoder)), base_offset: 0 })
}

/// Guesses which `--encoding` to suggest for bytes that are not UTF-8: GBK when they
/// decode as GB18030 and contain CJK ideographs, windows-1252 otherwise.
pub(crate) fn suggest_encoding(bytes: &[u8]) -> &'static str {
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) => "GBK",
        _ => "windows-1252",
    }
}

/// Bytes the decoder found invalid in the chosen encoding. It travels inside an
/// `io::Error` through the parsers and is turned into [`Problem::Malformed`].
#[derive(Debug)]
pub(crate) struct MalformedInput {
    pub line: u64,
    pub offset: u64,
    pub encoding: &'static str,
}

impl std::fmt::Display for MalformedInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {} data at byte {}", self.encoding, self.offset)
    }
}

impl std::error::Error for MalformedInput {}

/// Returns the problem carried by an I/O error from [`DecodeReader`], if it is one.
pub(crate) fn malformed_problem(error: &io::Error) -> Option<Problem> {
    let malformed = error.get_ref()?.downcast_ref::<MalformedInput>()?;
    Some(Problem::Malformed { line: malformed.line, offset: malformed.offset, encoding: malformed.encoding })
}

/// A reader that decodes another encoding to UTF-8 and fails on malformed input.
struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    encoding: &'static Encoding,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    /// Input bytes consumed so far, for error offsets.
    consumed: u64,
    /// Line breaks decoded so far, for error lines.
    line_breaks: u64,
    finished: bool,
}

impl<R: BufRead> DecodeReader<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            encoding,
            output: vec![0; BUFFER_BYTES],
            output_start: 0,
            output_end: 0,
            consumed: 0,
            line_breaks: 0,
            finished: false,
        }
    }

    /// Decodes the next piece of input into `output`; leaves it empty only at the end.
    fn refill(&mut self) -> io::Result<()> {
        self.output_start = 0;
        self.output_end = 0;
        while self.output_end == 0 && !self.finished {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let (result, read, written) =
                self.decoder.decode_to_utf8_without_replacement(input, &mut self.output, last);
            self.inner.consume(read);
            self.consumed += read as u64;
            self.output_end = written;
            self.line_breaks += self.output[..written].iter().filter(|&&b| b == b'\n').count() as u64;
            match result {
                DecoderResult::InputEmpty => self.finished = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad_len, after_len) => {
                    let offset = self.consumed - u64::from(bad_len) - u64::from(after_len);
                    let malformed =
                        MalformedInput { line: self.line_breaks + 1, offset, encoding: self.encoding.name() };
                    return Err(io::Error::new(io::ErrorKind::InvalidData, malformed));
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.output_start == self.output_end {
            self.refill()?;
        }
        let available = &self.output[self.output_start..self.output_end];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.output_start += n;
        Ok(n)
    }
}

/// The start of an invalid UTF-8 sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InvalidByte {
    /// Offset from the start of the file.
    pub offset: u64,
    /// Physical 1-based line.
    pub line: u64,
}

/// Invalid UTF-8 positions the scanner has passed and the parser has not yet reached.
#[derive(Debug, Default)]
pub(crate) struct ScanLog {
    pending: VecDeque<InvalidByte>,
}

impl ScanLog {
    /// Returns the first invalid position in `start..end` and drops all before `end`.
    pub fn take_in_range(&mut self, start: u64, end: u64) -> Option<InvalidByte> {
        while self.pending.front().is_some_and(|p| p.offset < start) {
            self.pending.pop_front();
        }
        let found = self.pending.front().copied().filter(|p| p.offset < end);
        while self.pending.front().is_some_and(|p| p.offset < end) {
            self.pending.pop_front();
        }
        found
    }

    fn record(&mut self, position: InvalidByte) {
        if self.pending.len() < MAX_PENDING_INVALID {
            self.pending.push_back(position);
        }
    }
}

/// A pass-through reader that validates UTF-8 incrementally and logs invalid positions.
struct Utf8Scan<R> {
    inner: R,
    log: Arc<Mutex<ScanLog>>,
    offset: u64,
    line: u64,
    /// Continuation bytes still expected in the current sequence.
    need: u8,
    /// Allowed range of the next continuation byte (narrower after E0, ED, F0, F4).
    low: u8,
    high: u8,
    sequence_start: InvalidByte,
}

impl<R: Read> Utf8Scan<R> {
    fn new(inner: R, base_offset: u64, log: Arc<Mutex<ScanLog>>) -> Self {
        let start = InvalidByte { offset: base_offset, line: 1 };
        Utf8Scan { inner, log, offset: base_offset, line: 1, need: 0, low: 0x80, high: 0xBF, sequence_start: start }
    }

    fn record(&self, position: InvalidByte) {
        let mut log = self.log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        log.record(position);
    }

    fn scan(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.need == 0 {
                let valid_len = match std::str::from_utf8(bytes) {
                    Ok(_) => bytes.len(),
                    Err(error) => error.valid_up_to(),
                };
                self.pass_valid(&bytes[..valid_len]);
                bytes = &bytes[valid_len..];
                if bytes.is_empty() {
                    break;
                }
            }
            self.scan_byte(bytes[0]);
            bytes = &bytes[1..];
        }
    }

    fn pass_valid(&mut self, bytes: &[u8]) {
        self.line += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset += bytes.len() as u64;
    }

    fn scan_byte(&mut self, byte: u8) {
        let position = InvalidByte { offset: self.offset, line: self.line };
        if self.need > 0 {
            if (self.low..=self.high).contains(&byte) {
                self.need -= 1;
                self.low = 0x80;
                self.high = 0xBF;
                self.offset += 1;
                return;
            }
            self.record(self.sequence_start);
            self.need = 0;
        }
        let (need, low, high) = match byte {
            0x00..=0x7F => (0, 0x80, 0xBF),
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => {
                self.record(position);
                (0, 0x80, 0xBF)
            }
        };
        if byte == b'\n' {
            self.line += 1;
        }
        self.need = need;
        self.low = low;
        self.high = high;
        self.sequence_start = position;
        self.offset += 1;
    }
}

impl<R: Read> Read for Utf8Scan<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.need > 0 {
            self.record(self.sequence_start);
            self.need = 0;
        }
        self.scan(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(bytes: &[u8], chunk: usize) -> Vec<InvalidByte> {
        let log = Arc::new(Mutex::new(ScanLog::default()));
        let mut scan = Utf8Scan::new(bytes, 0, Arc::clone(&log));
        let mut buf = vec![0; chunk];
        while scan.read(&mut buf).map(|n| n > 0).unwrap_or(false) {}
        let mut log = log.lock().unwrap();
        std::iter::from_fn(|| log.take_in_range(0, u64::MAX)).collect()
    }

    #[test]
    fn scan_finds_offsets_and_lines() {
        let bytes = b"id,text\nu1,ok\nu2,caf\xe9 x\n";
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(scan_all(bytes, chunk), vec![InvalidByte { offset: 20, line: 3 }], "chunk {chunk}");
        }
    }

    #[test]
    fn scan_accepts_split_sequences() {
        let bytes = "中文 emoji 👍 é".as_bytes();
        for chunk in [1, 2, 3, 5] {
            assert!(scan_all(bytes, chunk).is_empty(), "chunk {chunk}");
        }
    }

    #[test]
    fn scan_flags_truncated_and_surrogates() {
        assert_eq!(scan_all(b"a\xe4\xb8", 4), vec![InvalidByte { offset: 1, line: 1 }]);
        assert_eq!(scan_all(b"\xed\xa0\x80", 4).first().map(|p| p.offset), Some(0));
        assert_eq!(scan_all(b"\xc0\xaf", 4).first().map(|p| p.offset), Some(0));
    }

    #[test]
    fn suggestion_tells_gbk_from_latin1() {
        assert_eq!(suggest_encoding(b"\xd6\xd0\xce\xc4"), "GBK");
        assert_eq!(suggest_encoding(b"caf\xe9 latin"), "windows-1252");
    }
}
