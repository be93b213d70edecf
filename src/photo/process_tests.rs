use super::*;

/// An EXIF block (TIFF, little-endian) with orientation 6 (turn a
/// quarter clockwise to show) and a GPS directory with a latitude.
fn exif_turned_with_gps() -> Vec<u8> {
    let mut exif = b"II*\0\x08\0\0\0".to_vec();
    exif.extend([2, 0]);
    exif.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    exif.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    exif.extend([0, 0, 0, 0]);
    exif.extend([1, 0]);
    exif.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'S', 0, 0, 0]);
    exif.extend([0, 0, 0, 0]);
    exif
}

/// A 40 × 20 JPEG, red on its left half and blue on its right, with the
/// EXIF block above.
fn turned_jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            image::Rgb([230, 20, 20])
        } else {
            image::Rgb([20, 20, 230])
        }
    });
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 95);
    encoder
        .set_exif_metadata(exif_turned_with_gps())
        .expect("the JPEG encoder writes EXIF");
    encoder
        .write_image(&image, 40, 20, image::ExtendedColorType::Rgb8)
        .expect("a small JPEG encodes");
    out
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(&image, width, height, image::ExtendedColorType::Rgb8)
        .expect("a small JPEG encodes");
    out
}

/// Decodes a version: WebP with libwebp (the `image` crate is built
/// without its WebP decoder), the rest with `image`.
fn decode(bytes: &[u8]) -> DynamicImage {
    if bytes.starts_with(b"RIFF") {
        let decoded = webp::Decoder::new(bytes)
            .decode()
            .expect("a WebP version decodes");
        let (width, height, pixels) = (decoded.width(), decoded.height(), decoded.to_vec());
        if decoded.is_alpha() {
            DynamicImage::ImageRgba8(
                image::RgbaImage::from_raw(width, height, pixels).expect("RGBA"),
            )
        } else {
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(width, height, pixels).expect("RGB"))
        }
    } else {
        image::load_from_memory(bytes).expect("a version decodes")
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn orientation_is_applied_and_metadata_removed() {
    let bytes = turned_jpeg();
    assert!(contains(&bytes, b"Exif"), "the test photo carries EXIF");
    let photo = probe(&bytes).expect("the photo reads");
    assert_eq!((photo.width, photo.height), (20, 40), "shown upright");
    let versions = photo.versions();
    let made = make_versions(&bytes, &versions).expect("versions are made");
    for (version, made) in versions.iter().zip(&made) {
        assert!(!contains(made, b"Exif"), "{version:?} holds EXIF");
        assert!(!contains(made, b"II*\0"), "{version:?} holds a TIFF block");
        let shown = decode(made);
        assert_eq!((shown.width(), shown.height()), (20, 40));
        let top = shown.to_rgb8().get_pixel(10, 5).0;
        let bottom = shown.to_rgb8().get_pixel(10, 35).0;
        assert!(top[0] > 150 && top[2] < 100, "{version:?}: top is {top:?}");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{version:?}: bottom is {bottom:?}"
        );
    }
    assert!(made[0].starts_with(b"RIFF") && contains(&made[0][..16], b"WEBP"));
}

#[test]
fn versions_are_never_enlarged() {
    let bytes = jpeg(1000, 600);
    let photo = probe(&bytes).expect("the photo reads");
    let made = make_versions(&bytes, &photo.versions()).expect("versions are made");
    let widths: Vec<u32> = made.iter().map(|m| decode(m).width()).collect();
    assert_eq!(widths, vec![480, 480, 960, 960, 1000, 1000]);
    // One version alone is the same bytes as made with the others.
    let alone = make_version(&bytes, photo.versions()[2]).expect("one version");
    assert_eq!(alone, made[2]);
}

#[test]
fn a_photo_with_transparency_falls_back_to_png() {
    let image = image::RgbaImage::from_fn(30, 30, |x, _| image::Rgba([200, 10, 10, (x * 8) as u8]));
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(&image, 30, 30, image::ExtendedColorType::Rgba8)
        .expect("a small PNG encodes");
    let photo = probe(&bytes).expect("the PNG reads");
    assert!(photo.alpha);
    let made = make_versions(&bytes, &photo.versions()).expect("versions are made");
    let fallback = decode(&made[1]);
    assert!(fallback.color().has_alpha());
}

#[test]
fn text_named_jpg_is_not_an_image() {
    assert_eq!(
        probe(b"hello, this is not a photo\n"),
        Err(PhotoError::NotAnImage)
    );
    assert_eq!(probe(b""), Err(PhotoError::NotAnImage));
}

#[test]
fn heic_is_refused_with_a_way_to_convert() {
    let mut bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    bytes.extend([0; 64]);
    let error = probe(&bytes).expect_err("HEIC is refused");
    assert_eq!(error, PhotoError::Heic);
    assert!(error.message().contains("heif-convert"));
}

#[test]
fn a_truncated_jpeg_is_damaged() {
    let bytes = jpeg(300, 200);
    let cut = &bytes[..bytes.len() / 2];
    let error = make_versions(
        cut,
        &[PhotoVersion {
            width: 300,
            format: PhotoFormat::Jpeg,
            card: false,
        }],
    )
    .expect_err("a truncated photo fails");
    assert_eq!(error.code(), "photo.damaged");
    let header_only = &bytes[..20];
    assert!(probe(header_only).is_err());
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    // A small JPEG whose frame header claims 20,000 × 20,000 pixels.
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&20_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&20_000u16.to_be_bytes());
    let error = probe(&bytes).expect_err("the bomb is refused");
    assert_eq!(
        error,
        PhotoError::TooLarge {
            width: 20_000,
            height: 20_000
        }
    );
    assert!(make_versions(&bytes, &[]).is_err());
}

#[test]
fn too_many_pixels_within_the_side_limit_are_refused() {
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&10_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&10_000u16.to_be_bytes());
    assert_eq!(probe(&bytes).map_err(|e| e.code()), Err("photo.too-large"));
}

#[test]
fn a_card_is_cut_to_its_shape_whatever_the_photo() {
    for (width, height) in [(600, 1200), (2000, 500), (1300, 700)] {
        let photo = probe(&jpeg(width, height)).unwrap();
        let made = make_versions(&jpeg(width, height), &[photo.card()]).unwrap();
        let card = decode(&made[0]);
        assert_eq!(
            (card.width(), card.height()),
            photo.card_size(),
            "{width} × {height}"
        );
        let ratio = f64::from(card.width()) / f64::from(card.height());
        assert!(
            (ratio - 1200.0 / 630.0).abs() < 0.01,
            "{width} × {height}: {ratio}"
        );
    }
}
