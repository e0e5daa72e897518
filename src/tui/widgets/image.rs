//! Image items: confined loading with size limits, and drawing with the terminal's
//! graphics protocol or half-blocks (see [`crate::tui::graphics`]).
//!
//! Loading runs once when the item is shown (in `update`, never while drawing). The
//! path must stay inside the project directory, the file must be at most
//! [`MAX_FILE_BYTES`], and its header must declare at most [`MAX_PIXELS`] pixels. The
//! header is read before anything is decoded, so a decompression bomb costs nothing.

use crate::i18n::catalogue::polish as msg_pol;
use crate::i18n::catalogue::tui as msg;
use crate::i18n::decoders::{ImageFailure, with_detail};
use crate::tui::widgets::wrap::wrap_mixed;
use image::{DynamicImage, ImageReader};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_image::{FilterType, Image, Resize};
use std::path::{Component, Path, PathBuf};

/// Largest image file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest image decoded, in pixels (width x height) declared by its header.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Maximum width in columns of the image path inside a message.
const MAX_SHOWN_PATH: usize = 60;
/// Decoded images are shrunk to fit this many pixels per side: the terminal shows far
/// fewer, and rebuilding the drawing after a resize stays cheap.
const KEPT_SIDE: u32 = 1024;

/// The reason an image item cannot be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageProblem {
    /// The item names no image.
    NoPath,
    /// The path is absolute or climbs out with `..`, or resolves (through a symlink)
    /// outside the project directory.
    OutsideProject,
    NotFound,
    TooLarge {
        bytes: u64,
    },
    TooManyPixels {
        width: u32,
        height: u32,
    },
    /// The path names a directory or another thing that is not a regular file.
    NotAFile,
    /// The decoder failed; `detail` is its own text.
    Undecodable {
        failure: ImageFailure,
        detail: String,
    },
}

impl ImageProblem {
    /// Formats the reason in the current language. `path` is the image path as the item
    /// gives it, named in the messages about a file that cannot be read.
    pub fn message(&self, path: &str) -> String {
        self.message_with(path, true)
    }

    /// Formats the reason without the decoder's own text, for an area too small for it.
    pub fn brief_message(&self, path: &str) -> String {
        self.message_with(path, false)
    }

    fn message_with(&self, path: &str, decoder_detail: bool) -> String {
        let cannot_read = |reason: &str| {
            msg_pol::POL_IMAGE_CANNOT_SHOW.fmt(&[("path", &crate::tui::fit(path, MAX_SHOWN_PATH)), ("reason", &reason)])
        };
        match self {
            ImageProblem::NoPath => msg::IMAGE_NO_PATH.text().to_string(),
            ImageProblem::OutsideProject => msg::IMAGE_OUTSIDE_PROJECT.text().to_string(),
            ImageProblem::NotFound => msg::IMAGE_NOT_FOUND.text().to_string(),
            ImageProblem::TooLarge { bytes } => msg::IMAGE_TOO_LARGE.fmt(&[
                ("mb", &format!("{:.1}", *bytes as f64 / 1_048_576.0)),
                ("max_mb", &(MAX_FILE_BYTES / 1_048_576)),
            ]),
            ImageProblem::TooManyPixels { width, height } => msg::IMAGE_TOO_MANY_PIXELS.fmt(&[
                ("width", width),
                ("height", height),
                ("max_mp", &(MAX_PIXELS / 1_000_000)),
            ]),
            ImageProblem::NotAFile => cannot_read(msg::IMAGE_NOT_A_FILE.text()),
            ImageProblem::Undecodable { failure, detail } if decoder_detail => {
                cannot_read(&with_detail(failure.message(), detail))
            }
            ImageProblem::Undecodable { failure, .. } => cannot_read(failure.message().text()),
        }
    }
}

/// A decoded image and its drawing for the current area.
pub struct LoadedImage {
    /// The image, shrunk to at most [`KEPT_SIDE`] pixels per side.
    image: DynamicImage,
    /// Width and height of the file, before shrinking.
    pub original_size: (u32, u32),
    protocol: Option<Protocol>,
    built_for: Option<Size>,
}

/// The image part of the shown item.
pub struct ImageView {
    /// The path as the item gives it, for display.
    pub path: String,
    pub content: Result<LoadedImage, ImageProblem>,
}

impl std::fmt::Debug for ImageView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let content = match &self.content {
            Ok(loaded) => format!("loaded {:?}", loaded.original_size),
            Err(problem) => format!("{problem:?}"),
        };
        f.debug_struct("ImageView").field("path", &self.path).field("content", &content).finish()
    }
}

impl ImageView {
    /// Loads the image at `relative` (as written in the item) under `root`.
    pub fn load(root: &Path, relative: Option<&str>) -> ImageView {
        let path = relative.unwrap_or_default().to_string();
        let content = match relative {
            None => Err(ImageProblem::NoPath),
            Some(rel) => load_image(root, rel),
        };
        if let Err(problem) = &content {
            tracing::warn!(path = %path, ?problem, "image item cannot be shown");
        }
        ImageView { path, content }
    }

    /// Rebuilds the half-block drawing when the area it must fit has changed.
    pub fn fit_to(&mut self, picker: &Picker, area: Size) {
        let Ok(loaded) = &mut self.content else { return };
        if loaded.built_for == Some(area) || area.width == 0 || area.height == 0 {
            return;
        }
        loaded.built_for = Some(area);
        let filter = scale_filter(&loaded.image, picker, area);
        match picker.new_protocol(loaded.image.clone(), area, Resize::Scale(Some(filter))) {
            Ok(protocol) => loaded.protocol = Some(protocol),
            Err(err) => {
                tracing::warn!(path = %self.path, error = %err, "cannot prepare image for drawing");
                loaded.protocol = None;
            }
        }
    }
}

impl ImageView {
    /// Drops the drawing, so the next [`ImageView::fit_to`] builds it again.
    pub fn forget_drawing(&mut self) {
        if let Ok(loaded) = &mut self.content {
            loaded.built_for = None;
            loaded.protocol = None;
        }
    }
}

/// Nearest-neighbour when the picture grows, so small images such as 8x8 digits keep
/// crisp square pixels; a smoothing filter when it shrinks, so detail averages out
/// instead of breaking into noise.
fn scale_filter(image: &DynamicImage, picker: &Picker, area: Size) -> FilterType {
    let cell = picker.font_size();
    let room_w = u32::from(area.width) * u32::from(cell.width.max(1));
    let room_h = u32::from(area.height) * u32::from(cell.height.max(1));
    if image.width() <= room_w && image.height() <= room_h { FilterType::Nearest } else { FilterType::Triangle }
}

/// Resolves `relative` under `root`, rejecting anything that ends up outside it.
pub fn confine(root: &Path, relative: &str) -> Result<PathBuf, ImageProblem> {
    let rel = Path::new(relative);
    if relative.is_empty() {
        return Err(ImageProblem::NoPath);
    }
    if rel.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(ImageProblem::OutsideProject);
    }
    let root = root.canonicalize().map_err(|_| ImageProblem::NotFound)?;
    // `join` replaces the root when `rel` is absolute; the prefix check below then
    // accepts it only if it lies inside the project anyway.
    let resolved = root.join(rel).canonicalize().map_err(|_| ImageProblem::NotFound)?;
    if !resolved.starts_with(&root) {
        return Err(ImageProblem::OutsideProject);
    }
    Ok(resolved)
}

/// Checks size limits from the file length and the image header, then decodes.
pub fn load_image(root: &Path, relative: &str) -> Result<LoadedImage, ImageProblem> {
    let path = confine(root, relative)?;
    let metadata = std::fs::metadata(&path).map_err(|_| ImageProblem::NotFound)?;
    if !metadata.is_file() {
        return Err(ImageProblem::NotAFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ImageProblem::TooLarge { bytes: metadata.len() });
    }

    let (width, height) = ImageReader::open(&path)
        .map_err(|_| ImageProblem::NotFound)?
        .with_guessed_format()
        .map_err(unreadable)?
        .into_dimensions()
        .map_err(undecodable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooManyPixels { width, height });
    }

    let mut reader =
        ImageReader::open(&path).map_err(|_| ImageProblem::NotFound)?.with_guessed_format().map_err(unreadable)?;
    // The decoder enforces the checked size too, in case the file changed in between.
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    reader.limits(limits);
    let image = reader.decode().map_err(undecodable)?;
    let image = if width > KEPT_SIDE || height > KEPT_SIDE { image.thumbnail(KEPT_SIDE, KEPT_SIDE) } else { image };
    Ok(LoadedImage { image, original_size: (width, height), protocol: None, built_for: None })
}

fn undecodable(error: image::ImageError) -> ImageProblem {
    ImageProblem::Undecodable { failure: ImageFailure::of(&error), detail: error.to_string() }
}

fn unreadable(error: std::io::Error) -> ImageProblem {
    ImageProblem::Undecodable { failure: ImageFailure::Unreadable, detail: error.to_string() }
}

/// Builds the heading and the reason of an image that cannot be shown, as many as fit in
/// `area`. The reason is wrapped here rather than by the paragraph, so that the lines
/// are counted and a Chinese reason breaks between characters. When the rows run out,
/// the heading goes first and the decoder's own text next, so that what to do stays.
fn placeholder_lines(problem: &ImageProblem, path: &str, area: Rect) -> Vec<Line<'static>> {
    let heading = Line::styled(
        msg::IMAGE_UNAVAILABLE.text(),
        crate::tui::theme::warning().add_modifier(ratatui::style::Modifier::BOLD),
    );
    let rows = usize::from(area.height);
    let full = wrap_mixed(&problem.message(path), area.width, Style::new());
    if full.len() < rows {
        let mut lines = vec![heading];
        lines.extend(full);
        return lines;
    }
    if full.len() == rows {
        return full;
    }
    wrap_mixed(&problem.brief_message(path), area.width, Style::new())
}

/// Rows the caption under an image takes.
pub const CAPTION_ROWS: u16 = 1;

/// Draws the image (or the placeholder with its reason) and a caption with path and size.
pub fn render_image(frame: &mut Frame, area: Rect, view: &ImageView) {
    let [picture, caption] = Layout::vertical([Constraint::Min(1), Constraint::Length(CAPTION_ROWS)]).areas(area);
    let shown_path = crate::tui::fit(&view.path, usize::from(caption.width).saturating_sub(16).max(8));
    match &view.content {
        Ok(loaded) => {
            if let Some(protocol) = &loaded.protocol {
                let size = protocol.size();
                let x = picture.x + picture.width.saturating_sub(size.width) / 2;
                let centred = Rect { x, width: size.width.min(picture.width), ..picture };
                frame.render_widget(Image::new(protocol), centred);
            }
            let (w, h) = loaded.original_size;
            let line = Line::from(vec![shown_path.into(), format!("  {w}×{h} px").dim()]);
            frame.render_widget(Paragraph::new(line).centered(), caption);
        }
        Err(problem) => {
            let lines = placeholder_lines(problem, &view.path, picture);
            let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(picture.height);
            let middle = Rect { y: picture.y + picture.height.saturating_sub(height) / 2, height, ..picture };
            frame.render_widget(Paragraph::new(lines).centered(), middle);
            frame.render_widget(Paragraph::new(Line::from(shown_path).dim()).centered(), caption);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn small_images_grow_crisply_and_large_ones_shrink_smoothly() {
        let picker = Picker::halfblocks();
        let digit = DynamicImage::new_luma8(8, 8);
        assert_eq!(scale_filter(&digit, &picker, Size::new(20, 10)), FilterType::Nearest);
        let photo = DynamicImage::new_rgb8(1000, 1000);
        assert_eq!(scale_filter(&photo, &picker, Size::new(20, 10)), FilterType::Triangle);
    }

    fn fixture_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases/images")
    }

    fn write_png(path: &Path, width: u32, height: u32) {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 10, 10]));
        image.save(path).expect("write test png");
    }

    #[test]
    fn parent_dir_rejected() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(confine(dir.path(), "../secret.png").unwrap_err(), ImageProblem::OutsideProject);
        assert_eq!(confine(dir.path(), "a/../../b.png").unwrap_err(), ImageProblem::OutsideProject);
    }

    #[test]
    fn absolute_path_outside_rejected() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("x.png");
        write_png(&outside, 2, 2);
        let result = confine(project.path(), outside.to_str().unwrap());
        assert_eq!(result.unwrap_err(), ImageProblem::OutsideProject);
    }

    #[test]
    fn absolute_path_inside_accepted() {
        let project = tempfile::tempdir().unwrap();
        let inside = project.path().join("x.png");
        write_png(&inside, 2, 2);
        let resolved = confine(project.path(), inside.to_str().unwrap()).unwrap();
        assert_eq!(resolved, inside.canonicalize().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_escaping_root_rejected() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = elsewhere.path().join("x.png");
        write_png(&target, 2, 2);
        std::os::unix::fs::symlink(&target, project.path().join("link.png")).unwrap();
        assert_eq!(confine(project.path(), "link.png").unwrap_err(), ImageProblem::OutsideProject);
        assert!(matches!(load_image(project.path(), "link.png"), Err(ImageProblem::OutsideProject)));
    }

    #[test]
    fn missing_file_reported() {
        let project = tempfile::tempdir().unwrap();
        assert!(matches!(load_image(project.path(), "nope.png"), Err(ImageProblem::NotFound)));
    }

    #[test]
    fn bomb_rejected_before_decoding() {
        let result = load_image(&fixture_root(), "bomb-20000x20000.png");
        assert!(
            matches!(result, Err(ImageProblem::TooManyPixels { width: 20000, height: 20000 })),
            "{:?}",
            result.err()
        );
    }

    #[test]
    fn not_an_image_reported() {
        let result = load_image(&fixture_root(), "not-an-image.png");
        assert!(
            matches!(result, Err(ImageProblem::Undecodable { failure: ImageFailure::Undecodable, .. })),
            "{:?}",
            result.err()
        );
    }

    #[test]
    fn oversized_file_rejected_by_length() {
        let project = tempfile::tempdir().unwrap();
        let big = fs::File::create(project.path().join("big.png")).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        let result = load_image(project.path(), "big.png");
        assert!(matches!(result, Err(ImageProblem::TooLarge { .. })), "{:?}", result.err());
    }

    #[test]
    fn small_png_loads_with_size() {
        let project = tempfile::tempdir().unwrap();
        fs::create_dir(project.path().join("img")).unwrap();
        write_png(&project.path().join("img/a.png"), 8, 6);
        let loaded = load_image(project.path(), "img/a.png").unwrap();
        assert_eq!(loaded.original_size, (8, 6));
    }

    #[test]
    fn directory_is_not_an_image() {
        let project = tempfile::tempdir().unwrap();
        fs::create_dir(project.path().join("d")).unwrap();
        assert!(matches!(load_image(project.path(), "d"), Err(ImageProblem::NotAFile)));
    }
}
