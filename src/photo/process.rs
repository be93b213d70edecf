//! Reading a photo and making its versions: the header is checked before
//! any pixel is decoded (size limits, the format), the decoder runs under
//! memory limits, EXIF orientation is applied to the pixels, and every
//! version is encoded from pixels alone, so that no metadata — camera,
//! time, GPS position — reaches a published version.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

use super::{MAX_PIXELS, MAX_SIDE, Photo, PhotoFormat, PhotoVersion};

/// The WebP quality: at 75 a version was a third of a JPEG at 80 in the
/// measurements (README), with no artefact visible at its width.
const WEBP_QUALITY: f32 = 75.0;
const JPEG_QUALITY: u8 = 80;
/// The memory one decoder may take: a 50-megapixel photo in RGBA.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why a photo cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    /// HEIC or HEIF, as phones save them: browsers cannot show them.
    Heic,
    /// Not an image at all (text named `.jpg`), or a format warta does
    /// not publish.
    NotAnImage,
    /// Larger than `MAX_SIDE` or `MAX_PIXELS`: refused before decoding.
    TooLarge { width: u32, height: u32 },
    /// Truncated or corrupt.
    Damaged(String),
    /// A version could not be encoded (a warta or libwebp bug).
    Encode(String),
}

impl PhotoError {
    /// The diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Heic => "photo.heic",
            PhotoError::NotAnImage => "photo.not-an-image",
            PhotoError::TooLarge { .. } => "photo.too-large",
            PhotoError::Damaged(_) => "photo.damaged",
            PhotoError::Encode(_) => "photo.encode",
        }
    }

    /// What went wrong and what to do, for the diagnostic's message.
    pub fn message(&self) -> String {
        match self {
            PhotoError::Heic => "is a HEIC/HEIF photo, which most browsers cannot show: convert it to JPEG (`heif-convert photo.heic photo.jpg`, or on an iPhone set Settings → Camera → Formats → Most Compatible) and link the .jpg".to_string(),
            PhotoError::NotAnImage => "is not a JPEG or PNG image: save it again as JPEG, or give it the right extension".to_string(),
            PhotoError::TooLarge { width, height } => format!(
                "is {width} × {height} pixels, more than the {MAX_SIDE} pixels a side and {} megapixels a photo may have: make it smaller",
                MAX_PIXELS / 1_000_000
            ),
            PhotoError::Damaged(why) => format!("cannot be read, it may be truncated or damaged ({why}): copy it again from the camera or phone"),
            PhotoError::Encode(why) => format!("could not be encoded ({why}); this is a warta bug"),
        }
    }
}

/// Reads a photo's header: its size as shown and whether it has
/// transparency, without decoding its pixels.
pub fn probe(bytes: &[u8]) -> Result<Photo, PhotoError> {
    let (mut decoder, format) = open(bytes)?;
    if format == ImageFormat::Jpeg && !ends_like_jpeg(bytes) {
        return Err(truncated());
    }
    Ok(shown(&mut decoder).0)
}

/// A JPEG that ends before its image does.
fn truncated() -> PhotoError {
    PhotoError::Damaged("the file ends before the image does".to_string())
}

/// One version of a photo from its bytes.
pub fn make_version(bytes: &[u8], version: PhotoVersion) -> Result<Vec<u8>, PhotoError> {
    let mut made = make_versions(bytes, &[version])?;
    made.pop()
        .ok_or_else(|| PhotoError::Encode("no version made".to_string()))
}

/// Several versions of one photo, decoded once. Each is made from the
/// decoded photo alone, so it is the same bytes whichever others are
/// made with it.
pub fn make_versions(bytes: &[u8], versions: &[PhotoVersion]) -> Result<Vec<Vec<u8>>, PhotoError> {
    let (mut decoder, format) = open(bytes)?;
    let (photo, orientation) = shown(&mut decoder);
    let mut image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    if format == ImageFormat::Jpeg && !ends_like_jpeg(bytes) {
        // The JPEG decoder fills a truncated photo with grey rather than
        // failing: a published half-grey photo is worse than an error.
        return Err(truncated());
    }
    image.apply_orientation(orientation);
    versions
        .iter()
        .map(|version| {
            if version.card {
                return encode(&card(&image, &photo), version.format);
            }
            let width = version.width.min(photo.width).max(1);
            let height = photo.height_at(width);
            let resized = if (width, height) == (image.width(), image.height()) {
                image.clone()
            } else {
                image.resize_exact(width, height, FilterType::Lanczos3)
            };
            encode(&resized, version.format)
        })
        .collect()
}

/// The photo cut to a social card's shape and size: the whole height of
/// a wider photo, from its middle; the whole width of a taller one, from
/// a little above its middle, where faces and banners tend to be.
fn card(image: &DynamicImage, photo: &Photo) -> DynamicImage {
    let (card_w, card_h) = super::CARD;
    let (w, h) = (u64::from(image.width()), u64::from(image.height()));
    let (crop_w, crop_h) = if w * u64::from(card_h) > h * u64::from(card_w) {
        (h * u64::from(card_w) / u64::from(card_h), h)
    } else {
        (w, w * u64::from(card_h) / u64::from(card_w))
    };
    let (crop_w, crop_h) = (crop_w.max(1), crop_h.max(1));
    let x = (w - crop_w) / 2;
    let y = (h - crop_h) * 2 / 5;
    let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let cropped = image.crop_imm(narrow(x), narrow(y), narrow(crop_w), narrow(crop_h));
    let (width, height) = photo.card_size();
    cropped.resize_exact(width, height, FilterType::Lanczos3)
}

/// A decoder for the photo, its header read and checked.
fn open(bytes: &[u8]) -> Result<(impl ImageDecoder + use<'_>, ImageFormat), PhotoError> {
    if is_heic(bytes) {
        return Err(PhotoError::Heic);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(damaged)?;
    let format = match reader.format() {
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png)) => format,
        _ => return Err(PhotoError::NotAnImage),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large_from_header(bytes, format),
        other => damaged(other),
    })?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Damaged("it has no pixels".to_string()));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    Ok((decoder, format))
}

/// The size the limits refused, read again without them (the header
/// only), for the message.
fn too_large_from_header(bytes: &[u8], format: ImageFormat) -> PhotoError {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    match reader.into_dimensions() {
        Ok((width, height)) => PhotoError::TooLarge { width, height },
        Err(e) => damaged(e),
    }
}

/// The photo as shown, and the turn that shows it so: a quarter turn
/// swaps width and height. An EXIF block that cannot be read leaves the
/// photo as stored.
fn shown(decoder: &mut impl ImageDecoder) -> (Photo, Orientation) {
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    let photo = Photo {
        width,
        height,
        alpha: decoder.color_type().has_alpha(),
    };
    (photo, orientation)
}

/// HEIC and HEIF files start with an `ftyp` box naming their brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp".as_slice())
        && bytes.get(8..12).is_some_and(|brand| {
            [
                b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
            ]
            .iter()
            .any(|b| brand == b.as_slice())
        })
}

/// Whether a JPEG holds its end marker near its end (cameras may append a
/// little after it).
fn ends_like_jpeg(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

fn damaged(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Damaged(e.to_string())
}

/// Encodes pixels alone: no EXIF, XMP or ICC block is written.
fn encode(image: &DynamicImage, format: PhotoFormat) -> Result<Vec<u8>, PhotoError> {
    let (width, height) = (image.width(), image.height());
    let mut out = Vec::new();
    match format {
        PhotoFormat::WebP => {
            let alpha = image.color().has_alpha();
            let pixels = if alpha {
                image.to_rgba8().into_raw()
            } else {
                image.to_rgb8().into_raw()
            };
            let encoder = if alpha {
                webp::Encoder::from_rgba(&pixels, width, height)
            } else {
                webp::Encoder::from_rgb(&pixels, width, height)
            };
            let mut config = webp::WebPConfig::new().map_err(|()| {
                PhotoError::Encode("libwebp refused its configuration".to_string())
            })?;
            config.quality = WEBP_QUALITY;
            let encoded = encoder
                .encode_advanced(&config)
                .map_err(|e| PhotoError::Encode(format!("{e:?}")))?;
            out.extend_from_slice(&encoded);
        }
        PhotoFormat::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
                .map_err(|e| PhotoError::Encode(e.to_string()))?;
        }
        PhotoFormat::Png => {
            let rgba = image.to_rgba8();
            PngEncoder::new(&mut out)
                .write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)
                .map_err(|e| PhotoError::Encode(e.to_string()))?;
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "process_tests.rs"]
mod tests;
