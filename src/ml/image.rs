//! Pixel features of an image: decoded with the `image` crate, converted to grey
//! (luma), resized to `side × side` and scaled to `[0, 1]`, one feature per pixel in
//! row-major order.
//!
//! The default side is 8, the size of the classic 8×8 handwritten digits. Images of
//! another size are resized with a triangle (bilinear) filter, so a linear model always
//! gets the same small number of inputs.

use crate::i18n::decoders::image_reason;
use crate::ml::error::MlError;
use image::imageops::FilterType;
use std::path::Path;

/// Default side length, in pixels, of the resized grey image.
pub const DEFAULT_IMAGE_SIDE: u32 = 8;

/// Reads the image at `path` and returns its `side * side` grey levels in `[0, 1]`.
pub fn pixel_features(path: &Path, side: u32) -> Result<Vec<f64>, MlError> {
    let decoded =
        image::open(path).map_err(|e| MlError::Image { path: path.to_path_buf(), reason: image_reason(&e) })?;
    let mut grey = decoded.to_luma8();
    if grey.width() != side || grey.height() != side {
        grey = image::imageops::resize(&grey, side, side, FilterType::Triangle);
    }
    Ok(grey.pixels().map(|p| f64::from(p.0[0]) / 255.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn grey_png_scaled_to_unit_range() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("g.png");
        let mut img = GrayImage::new(8, 8);
        img.put_pixel(0, 0, Luma([255]));
        img.put_pixel(7, 7, Luma([51]));
        img.save(&path).expect("write png");

        let features = pixel_features(&path, 8).expect("decode");
        assert_eq!(features.len(), 64);
        assert_eq!(features[0], 1.0);
        assert!((features[63] - 0.2).abs() < 1e-12);
        assert_eq!(features[1], 0.0);
    }

    #[test]
    fn larger_image_resized() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.png");
        GrayImage::from_pixel(32, 16, Luma([128])).save(&path).expect("write png");
        let features = pixel_features(&path, 8).expect("decode");
        assert_eq!(features.len(), 64);
        assert!(features.iter().all(|&v| (v - 128.0 / 255.0).abs() < 0.01));
    }

    #[test]
    fn missing_file_names_path() {
        let err = pixel_features(Path::new("no/such/file.png"), 8).unwrap_err();
        assert!(err.to_string().contains("no/such/file.png"), "{err}");
    }
}
