//! Scalar summaries in TensorBoard's event file format, so that `tensorboard --logdir
//! .quorum/runs` plots the runs' metrics and learning curves.
//!
//! An event file is a sequence of TFRecord records. Each record is
//!
//! - the payload length as a little-endian `u64`,
//! - the masked CRC-32C of those 8 bytes as a little-endian `u32`,
//! - the payload, one serialised `tensorflow.Event` protobuf message,
//! - the masked CRC-32C of the payload as a little-endian `u32`.
//!
//! A masked CRC is `((crc >> 15) | (crc << 17)) + 0xa282ead8` (mod 2³²). The first event
//! of a file carries `file_version = "brain.Event:2"`, and every later one a summary with
//! scalar values. Only the protobuf fields used here are encoded:
//!
//! - `Event`: `wall_time` (1, double), `step` (2, int64), `file_version` (3, string),
//!   `summary` (5, message);
//! - `Summary`: `value` (1, repeated message);
//! - `Summary.Value`: `tag` (1, string), `simple_value` (2, float).

use crate::ml::{EvalReport, LearningCurve};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The version string of the first event, which TensorBoard's reader expects.
pub const FILE_VERSION: &str = "brain.Event:2";

/// The start of every event file's name; TensorBoard reads files whose name contains
/// `tfevents`.
const FILE_PREFIX: &str = "events.out.tfevents.";
/// The end of the name, where TensorFlow puts the host name.
const FILE_SUFFIX: &str = ".quorum";

/// One scalar value at one step, as TensorBoard plots it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The series name; TensorBoard groups series by the part before the first `/`.
    pub tag: String,
    pub step: i64,
    pub value: f32,
}

impl Scalar {
    pub fn new(tag: impl Into<String>, step: i64, value: f64) -> Scalar {
        Scalar { tag: tag.into(), step, value: value as f32 }
    }
}

/// Returns the scores of an evaluation as scalars at `step`: `eval/accuracy`, `eval/macro_f1`,
/// `eval/log_loss`, `eval/ece`, `eval/soft_log_loss` and `eval/soft_expected_accuracy`
/// when the report has soft scores, and `eval_f1/<label>` per label.
pub fn report_scalars(report: &EvalReport, step: i64) -> Vec<Scalar> {
    let mut scalars = vec![
        Scalar::new("eval/accuracy", step, report.accuracy),
        Scalar::new("eval/macro_f1", step, report.macro_f1),
        Scalar::new("eval/log_loss", step, report.log_loss),
        Scalar::new("eval/ece", step, report.ece),
    ];
    if let Some(soft) = &report.soft {
        scalars.push(Scalar::new("eval/soft_log_loss", step, soft.log_loss));
        scalars.push(Scalar::new("eval/soft_expected_accuracy", step, soft.expected_accuracy));
    }
    for class in &report.per_class {
        scalars.push(Scalar::new(format!("eval_f1/{}", class.label), step, class.f1));
    }
    scalars
}

/// Returns the points of a learning curve as `curve/macro_f1` and `curve/accuracy`, with the
/// number of labelled training items as the step.
pub fn curve_scalars(curve: &LearningCurve) -> Vec<Scalar> {
    let mut scalars = Vec::with_capacity(2 * curve.points.len());
    for point in &curve.points {
        let step = point.n_labels as i64;
        scalars.push(Scalar::new("curve/macro_f1", step, point.macro_f1));
        scalars.push(Scalar::new("curve/accuracy", step, point.accuracy));
    }
    scalars
}

/// Appends `scalars` to the event file in `dir`, one event per scalar, all with the
/// current time. A directory without an event file gets a new one named
/// `events.out.tfevents.<unix seconds>.quorum`, which starts with the version event.
/// Returns the file's path.
pub fn append_scalars(dir: &Path, scalars: &[Scalar]) -> std::io::Result<PathBuf> {
    let wall_time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |elapsed| elapsed.as_secs_f64());
    let existing = find_event_file(dir)?;
    let path = existing.clone().unwrap_or_else(|| dir.join(format!("{FILE_PREFIX}{}{FILE_SUFFIX}", wall_time as u64)));

    // NOTE: the batch is written with one call, but a write that fails partway can
    // still leave an incomplete record at the end of the file.
    let mut bytes = Vec::new();
    if existing.is_none() {
        write_record(&mut bytes, &version_event(wall_time));
    }
    for scalar in scalars {
        write_record(&mut bytes, &scalar_event(wall_time, scalar));
    }
    let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
    file.write_all(&bytes)?;
    file.flush()?;
    Ok(path)
}

/// Returns the event file that an earlier call wrote into `dir`, if any.
pub fn find_event_file(dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let mut found: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(FILE_PREFIX) && name.ends_with(FILE_SUFFIX) {
            found.push(dir.join(name.as_ref()));
        }
    }
    // Names sort by their creation second, so the first file written keeps growing.
    found.sort();
    Ok(found.into_iter().next())
}

/// Frames one payload as a TFRecord record.
fn write_record(out: &mut Vec<u8>, payload: &[u8]) {
    let length = (payload.len() as u64).to_le_bytes();
    out.extend_from_slice(&length);
    out.extend_from_slice(&masked_crc32c(&length).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&masked_crc32c(payload).to_le_bytes());
}

fn version_event(wall_time: f64) -> Vec<u8> {
    let mut event = Vec::new();
    put_double(&mut event, 1, wall_time);
    put_varint_field(&mut event, 2, 0);
    put_bytes(&mut event, 3, FILE_VERSION.as_bytes());
    event
}

fn scalar_event(wall_time: f64, scalar: &Scalar) -> Vec<u8> {
    let mut value = Vec::new();
    put_bytes(&mut value, 1, scalar.tag.as_bytes());
    put_float(&mut value, 2, scalar.value);
    let mut summary = Vec::new();
    put_bytes(&mut summary, 1, &value);

    let mut event = Vec::new();
    put_double(&mut event, 1, wall_time);
    // int64 is encoded as the varint of its two's-complement u64.
    put_varint_field(&mut event, 2, scalar.step as u64);
    put_bytes(&mut event, 5, &summary);
    event
}

// Protobuf wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit.

fn put_key(out: &mut Vec<u8>, field: u32, wire_type: u32) {
    put_varint(out, u64::from(field << 3 | wire_type));
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_varint_field(out: &mut Vec<u8>, field: u32, value: u64) {
    put_key(out, field, 0);
    put_varint(out, value);
}

fn put_double(out: &mut Vec<u8>, field: u32, value: f64) {
    put_key(out, field, 1);
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    put_key(out, field, 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn put_float(out: &mut Vec<u8>, field: u32, value: f32) {
    put_key(out, field, 5);
    out.extend_from_slice(&value.to_le_bytes());
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) with TFRecord's mask.
fn masked_crc32c(bytes: &[u8]) -> u32 {
    let crc = crc32c(bytes);
    (crc.rotate_right(15)).wrapping_add(0xa282_ead8)
}

/// CRC-32C by a 256-entry table, built once at compile time.
fn crc32c(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut byte = 0;
        while byte < 256 {
            let mut crc = byte as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0x82F6_3B78 } else { crc >> 1 };
                bit += 1;
            }
            table[byte] = crc;
            byte += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &byte in bytes {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32c_matches_check_value() {
        // The standard check value of CRC-32C over the ASCII digits 1 to 9.
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
        assert_eq!(crc32c(b""), 0);
    }

    #[test]
    fn varint_uses_seven_bits_per_byte() {
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        assert_eq!(out, [0xAC, 0x02]);

        let mut negative = Vec::new();
        put_varint(&mut negative, -1i64 as u64);
        assert_eq!(negative.len(), 10, "a negative int64 takes ten bytes");
    }

    #[test]
    fn scalar_event_bytes() {
        let event = scalar_event(0.0, &Scalar::new("a", 3, 1.0));
        let expected: Vec<u8> = [
            vec![0x09],
            vec![0; 8],
            vec![0x10, 0x03],
            vec![0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, b'a', 0x15],
            1.0f32.to_le_bytes().to_vec(),
        ]
        .concat();
        assert_eq!(event, expected);
    }
}
