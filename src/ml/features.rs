//! The feature space of a model: TF-IDF text features, pixel features, or both side by
//! side (text columns first).
//!
//! Text features are used when any training example has non-blank text, and pixel
//! features when any has an image; then every example must have one.

use crate::core::task::ModelSettings;
use crate::ml::LabelledExample;
use crate::ml::error::MlError;
use crate::ml::image::{DEFAULT_IMAGE_SIDE, pixel_features};
use crate::ml::text::NgramRanges;
use crate::ml::tfidf::TfIdfVectorizer;
use serde::{Deserialize, Serialize};

/// A sparse feature row: `(column, value)` pairs in increasing column order.
pub type SparseRow = Vec<(usize, f64)>;

/// Feature choices that `ModelSettings` does not carry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureOptions {
    /// Use `1 + ln(count)` in place of the raw term count.
    pub sublinear_tf: bool,
    /// Side length in pixels that images are resized to.
    pub image_side: u32,
}

impl Default for FeatureOptions {
    fn default() -> Self {
        FeatureOptions { sublinear_tf: true, image_side: DEFAULT_IMAGE_SIDE }
    }
}

/// A fitted feature space.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeatureSpace {
    text: Option<TfIdfVectorizer>,
    /// Side of the resized image when pixel features are on.
    image_side: Option<u32>,
}

impl FeatureSpace {
    /// Fits the feature space on `examples` and returns it with their feature rows.
    pub fn fit(
        examples: &[LabelledExample],
        settings: &ModelSettings,
        options: &FeatureOptions,
    ) -> Result<(FeatureSpace, Vec<SparseRow>), MlError> {
        let uses_text = examples.iter().any(|e| !e.text.trim().is_empty());
        let uses_images = examples.iter().any(|e| e.image.is_some());

        let mut text = None;
        let mut rows: Vec<SparseRow> = vec![Vec::new(); examples.len()];
        if uses_text {
            let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
            let ranges = NgramRanges { word: settings.word_ngrams, char: settings.char_ngrams };
            let (vectorizer, text_rows) =
                TfIdfVectorizer::fit_transform(&texts, ranges, options.sublinear_tf, settings.max_features);
            if vectorizer.n_features() > 0 {
                rows = text_rows;
                text = Some(vectorizer);
            }
        }

        let space = FeatureSpace { text, image_side: uses_images.then_some(options.image_side) };
        if space.n_features() == 0 {
            return Err(MlError::NoFeatures);
        }
        for (row, example) in rows.iter_mut().zip(examples) {
            space.append_pixels(example, row)?;
        }
        Ok((space, rows))
    }

    /// Computes the feature row of each example.
    pub fn transform(&self, examples: &[LabelledExample]) -> Result<Vec<SparseRow>, MlError> {
        examples.iter().map(|e| self.transform_one(e)).collect()
    }

    /// Computes the feature row of one example.
    pub fn transform_one(&self, example: &LabelledExample) -> Result<SparseRow, MlError> {
        let mut row = self.transform_text_only(example);
        self.append_pixels(example, &mut row)?;
        Ok(row)
    }

    /// Computes the text part of an example's row, leaving the pixel columns empty.
    pub fn transform_text_only(&self, example: &LabelledExample) -> SparseRow {
        match &self.text {
            Some(vectorizer) => vectorizer.transform(&example.text),
            None => Vec::new(),
        }
    }

    pub fn n_features(&self) -> usize {
        self.n_text_features() + self.n_pixel_features()
    }

    fn n_text_features(&self) -> usize {
        self.text.as_ref().map_or(0, TfIdfVectorizer::n_features)
    }

    fn n_pixel_features(&self) -> usize {
        self.image_side.map_or(0, |side| (side * side) as usize)
    }

    fn append_pixels(&self, example: &LabelledExample, row: &mut SparseRow) -> Result<(), MlError> {
        let Some(side) = self.image_side else {
            return Ok(());
        };
        let Some(path) = &example.image else {
            return Err(MlError::MissingImage { key: example.key.clone() });
        };
        let offset = self.n_text_features();
        let pixels = pixel_features(path, side)?;
        row.extend(pixels.into_iter().enumerate().filter(|&(_, v)| v != 0.0).map(|(i, v)| (offset + i, v)));
        Ok(())
    }
}
