//! Photos: what a raster photo of the site is (its size once turned
//! upright, whether it has transparency), which versions of it are
//! published, and how each version is made from the photo's bytes alone
//! (`process`). A version depends on nothing but those bytes and its
//! [`PhotoVersion`], so the build plan can treat it as an output whose
//! only inputs are the file and the version.
//!
//! Formats were chosen by measurement (README, "Photos"): lossy WebP is a
//! third of the size of a JPEG of the same width, at a few times its
//! encoding time; AVIF would save another half but took 2–8 s per
//! 1,600 px version on this machine, far too slow for a newsroom's
//! hundreds of photos. JPEG (PNG for a photo with transparency) is the
//! fallback every browser shows.

mod process;

pub use process::{PhotoError, make_version, make_versions, probe};

/// The widths published, narrowest first: a phone, a tablet or a column
/// of text at twice its pixel density, and a wide screen.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The longest side and the most pixels a photo may have: a 20,000 ×
/// 20,000 image would need 1.6 GB decoded. 50 megapixels is more than
/// the cameras a ministry uses (a 48 MP phone is 8,064 × 6,048).
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_PIXELS: u64 = 50_000_000;

/// What a photo is, read from its header: its size as shown (EXIF
/// orientation applied) and whether it has an alpha channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Photo {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
}

/// The file format of a published version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhotoFormat {
    /// The modern format, in `<source type="image/webp">`.
    WebP,
    /// The fallback of an opaque photo.
    Jpeg,
    /// The fallback of a photo with transparency.
    Png,
}

impl PhotoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::WebP => "webp",
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            PhotoFormat::WebP => "image/webp",
            PhotoFormat::Jpeg => "image/jpeg",
            PhotoFormat::Png => "image/png",
        }
    }
}

/// One published version of a photo: a width and a format, and whether
/// it is the photo cut to a social card's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhotoVersion {
    pub width: u32,
    pub format: PhotoFormat,
    pub card: bool,
}

/// The size social networks show a shared page's image at (`og:image`):
/// 1.91 to 1.
pub const CARD: (u32, u32) = (1200, 630);

impl Photo {
    /// The widths of its versions: those of [`WIDTHS`] narrower than the
    /// photo, and its own width when it is narrower than the widest, so
    /// that no version is enlarged and a small photo still has one.
    pub fn widths(&self) -> Vec<u32> {
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < self.width).collect();
        if let Some(&widest) = WIDTHS.last()
            && self.width <= widest
        {
            widths.push(self.width);
        }
        widths
    }

    /// The height of the version `width` wide, rounded, at least 1.
    pub fn height_at(&self, width: u32) -> u32 {
        let height = (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width.max(1));
        u32::try_from(height).unwrap_or(u32::MAX).max(1)
    }

    /// The fallback format every browser shows.
    pub fn fallback(&self) -> PhotoFormat {
        if self.alpha {
            PhotoFormat::Png
        } else {
            PhotoFormat::Jpeg
        }
    }

    /// The size of its social card: `CARD`, or smaller in the same shape
    /// when the photo is (never enlarged).
    pub fn card_size(&self) -> (u32, u32) {
        let (card_w, card_h) = CARD;
        let fits = u64::from(self.height) * u64::from(card_w) / u64::from(card_h);
        let width = card_w
            .min(self.width)
            .min(u32::try_from(fits).unwrap_or(u32::MAX))
            .max(1);
        let height =
            (u64::from(width) * u64::from(card_h) + u64::from(card_w) / 2) / u64::from(card_w);
        (width, u32::try_from(height).unwrap_or(1).max(1))
    }

    /// Its social card, in the fallback format every network reads.
    pub fn card(&self) -> PhotoVersion {
        PhotoVersion {
            width: self.card_size().0,
            format: self.fallback(),
            card: true,
        }
    }

    /// Every version published, in a stable order.
    pub fn versions(&self) -> Vec<PhotoVersion> {
        let mut versions = Vec::new();
        for width in self.widths() {
            for format in [PhotoFormat::WebP, self.fallback()] {
                versions.push(PhotoVersion {
                    width,
                    format,
                    card: false,
                });
            }
        }
        versions
    }
}

/// Whether a file is a photo warta publishes in several versions, by its
/// name: JPEG and PNG. HEIC and HEIF are photos too, that browsers
/// cannot show: they are refused with a way to convert them.
pub fn is_photo_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".heic", ".heif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The output path of a version, beside the original's:
/// `files/news/foto.jpg` → `files/news/foto-480w.webp`.
pub fn version_path(original: &str, version: PhotoVersion) -> String {
    let (folder, name) = match original.rfind('/') {
        Some(slash) => original.split_at(slash + 1),
        None => ("", original),
    };
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    };
    if version.card {
        return format!("{folder}{stem}-card.{}", version.format.extension());
    }
    format!(
        "{folder}{stem}-{}w.{}",
        version.width,
        version.format.extension()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> Photo {
        Photo {
            width,
            height,
            alpha: false,
        }
    }

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(photo(4000, 3000).widths(), vec![480, 960, 1600]);
        assert_eq!(photo(1600, 1200).widths(), vec![480, 960, 1600]);
        assert_eq!(photo(1200, 900).widths(), vec![480, 960, 1200]);
        assert_eq!(photo(300, 200).widths(), vec![300]);
        assert_eq!(photo(480, 200).widths(), vec![480]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(photo(4000, 3000).height_at(480), 360);
        assert_eq!(photo(4000, 2250).height_at(960), 540);
        assert_eq!(photo(5000, 1).height_at(480), 1);
    }

    #[test]
    fn versions_pair_webp_with_a_fallback() {
        let opaque = photo(1000, 500).versions();
        assert_eq!(opaque.len(), 6);
        assert_eq!(opaque[1].format, PhotoFormat::Jpeg);
        let clear = Photo {
            alpha: true,
            ..photo(400, 400)
        };
        assert_eq!(
            clear.versions(),
            vec![
                PhotoVersion {
                    width: 400,
                    format: PhotoFormat::WebP,
                    card: false
                },
                PhotoVersion {
                    width: 400,
                    format: PhotoFormat::Png,
                    card: false
                }
            ]
        );
    }

    #[test]
    fn version_paths_sit_beside_the_original() {
        let v = PhotoVersion {
            width: 480,
            format: PhotoFormat::WebP,
            card: false,
        };
        assert_eq!(
            version_path("files/news/foto.jpg", v),
            "files/news/foto-480w.webp"
        );
        assert_eq!(version_path("a.b.JPG", v), "a.b-480w.webp");
        assert_eq!(version_path(".jpg", v), ".jpg-480w.webp");
        let card = photo(4000, 3000).card();
        assert_eq!(
            version_path("files/news/foto.jpg", card),
            "files/news/foto-card.jpg"
        );
    }

    #[test]
    fn a_card_is_never_enlarged_and_keeps_its_shape() {
        assert_eq!(photo(4000, 3000).card_size(), (1200, 630));
        assert_eq!(photo(800, 600).card_size(), (800, 420));
        // A wide, low photo: its height decides.
        assert_eq!(photo(3000, 315).card_size(), (600, 315));
        assert_eq!(photo(1, 1).card_size(), (1, 1));
    }

    #[test]
    fn photo_paths_by_extension() {
        assert!(is_photo_path("news/foto.JPG"));
        assert!(is_photo_path("x.heic"));
        assert!(!is_photo_path("laporan.pdf"));
        assert!(!is_photo_path("logo.svg"));
    }
}
