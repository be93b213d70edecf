//! How a photo of the site is shown: a `<picture>` with the WebP
//! versions first and the fallback's in the `<img>`, each with `srcset`
//! and `sizes`, and the `width` and `height` that keep the page from
//! jumping while it loads. The same [`Picture`] serves the Markdown
//! body's images (as HTML) and the lead image (as a view for templates).

use serde::Serialize;

use crate::link::LinkedSite;
use crate::link::urls::encode_path;
use crate::photo::{Photo, PhotoError, PhotoFormat, PhotoVersion, version_path};

use super::xml::escape;

/// How wide a photo is shown, for the browser's choice of version: the
/// column of text (`--measure` in warta.css) on wide screens, the whole
/// width on phones.
pub const SIZES: &str = "(min-width: 44rem) 42rem, 100vw";
/// The same for a photo of a gallery, two to a row on wide screens.
pub const GALLERY_SIZES: &str = "(min-width: 44rem) 21rem, 100vw";

/// A photo as a template shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Picture {
    /// The modern format's versions, for `<source>`.
    pub sources: Vec<PictureSource>,
    /// The fallback's middle version, for browsers without `srcset`.
    pub src: String,
    /// The fallback's versions.
    pub srcset: String,
    /// The size of the widest version.
    pub width: u32,
    pub height: u32,
    /// How wide it is shown, for `sizes`.
    pub sizes: &'static str,
}

/// One `<source>` of a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PictureSource {
    pub mime: &'static str,
    pub srcset: String,
}

/// What an image's resolved `src` shows: `None` when it is not one of the
/// site's photos (an SVG, a file elsewhere), an error when it is one
/// that cannot be published.
pub fn picture(linked: &LinkedSite, src: &str) -> Option<Result<Picture, PhotoError>> {
    let photo = linked.photo(src)?;
    Some(match &photo.photo {
        Ok(shown) => Ok(of(linked.config().base_path(), &photo.output, shown)),
        Err(e) => Err(e.clone()),
    })
}

/// How wide a list entry's thumbnail is shown (warta.css `.thumb`).
pub const THUMB_SIZES: &str = "(min-width: 44rem) 9rem, 6rem";

/// The thumbnail of a page for list entries: its lead image, when that
/// is one of the site's photos.
pub fn thumbnail(linked: &LinkedSite, page: crate::model::PageId) -> Option<Picture> {
    let photo = linked.site.photos.get(linked.lead_photo(page)?)?;
    let shown = photo.photo.as_ref().ok()?;
    Some(Picture {
        sizes: THUMB_SIZES,
        ..of(linked.config().base_path(), &photo.output, shown)
    })
}

/// The social card of the photo an image's resolved `src` shows: its
/// URL (root-relative, under the `base_url` path) and size.
pub fn card(linked: &LinkedSite, src: &str) -> Option<(String, u32, u32)> {
    let photo = linked.photo(src)?;
    let shown = photo.photo.as_ref().ok()?;
    let (width, height) = shown.card_size();
    let path = version_path(&photo.output, shown.card());
    let url = format!("{}/{}", linked.config().base_path(), encode_path(&path));
    Some((url, width, height))
}

/// The picture of the photo published at `output` (its original's path),
/// its URLs under `base_path`.
fn of(base_path: &str, output: &str, photo: &Photo) -> Picture {
    let url = |version: PhotoVersion| {
        format!(
            "{base_path}/{}",
            encode_path(&version_path(output, version))
        )
    };
    let srcset = |format: PhotoFormat| {
        photo
            .widths()
            .iter()
            .map(|&width| {
                let version = PhotoVersion {
                    width,
                    format,
                    card: false,
                };
                format!("{} {width}w", url(version))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let widths = photo.widths();
    let widest = widths.last().copied().unwrap_or(photo.width);
    let middle = widths.get(widths.len() / 2).copied();
    let fallback = photo.fallback();
    Picture {
        sources: vec![PictureSource {
            mime: PhotoFormat::WebP.mime(),
            srcset: srcset(PhotoFormat::WebP),
        }],
        src: url(PhotoVersion {
            width: middle.unwrap_or(widest),
            format: fallback,
            card: false,
        }),
        srcset: srcset(fallback),
        width: widest,
        height: photo.height_at(widest),
        sizes: SIZES,
    }
}

/// How a picture loads: the lead image of an article at once, any other
/// when it nears the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    Eager,
    Lazy,
}

/// The `<picture>` element of a picture.
pub fn html(
    picture: &Picture,
    alt: &str,
    title: Option<&str>,
    sizes: &str,
    loading: Loading,
) -> String {
    let mut out = String::from("<picture>");
    for source in &picture.sources {
        out.push_str(&format!(
            r#"<source type="{}" srcset="{}" sizes="{sizes}">"#,
            source.mime,
            escape(&source.srcset)
        ));
    }
    out.push_str(&format!(
        r#"<img src="{}" srcset="{}" sizes="{sizes}" width="{}" height="{}" alt="{}""#,
        escape(&picture.src),
        escape(&picture.srcset),
        picture.width,
        picture.height,
        escape(alt)
    ));
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        out.push_str(&format!(r#" title="{}""#, escape(title)));
    }
    if loading == Loading::Lazy {
        out.push_str(r#" loading="lazy""#);
    }
    out.push_str(r#" decoding="async"></picture>"#);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_offers_every_version_and_the_widest_size() {
        let photo = Photo {
            width: 4000,
            height: 3000,
            alpha: false,
        };
        let picture = of("", "files/news/foto fgd.jpg", &photo);
        assert_eq!(
            picture.sources[0].srcset,
            "/files/news/foto%20fgd-480w.webp 480w, /files/news/foto%20fgd-960w.webp 960w, /files/news/foto%20fgd-1600w.webp 1600w"
        );
        assert_eq!(picture.src, "/files/news/foto%20fgd-960w.jpg");
        assert_eq!((picture.width, picture.height), (1600, 1200));
        let html = html(
            &picture,
            "Peserta \"FGD\"",
            Some("Di Bekasi"),
            SIZES,
            Loading::Lazy,
        );
        assert!(
            html.starts_with("<picture><source type=\"image/webp\""),
            "{html}"
        );
        assert!(html.contains(r#"alt="Peserta &quot;FGD&quot;""#), "{html}");
        assert!(html.contains(r#"width="1600" height="1200""#), "{html}");
        assert!(
            html.contains(r#"loading="lazy" decoding="async""#),
            "{html}"
        );
        let eager = super::html(&picture, "", None, SIZES, Loading::Eager);
        assert!(!eager.contains("loading="), "{eager}");
        assert!(!eager.contains("title="), "{eager}");

        let small = of(
            "/warta",
            "logo.png",
            &Photo {
                width: 300,
                height: 100,
                alpha: true,
            },
        );
        assert_eq!(small.src, "/warta/logo-300w.png");
        assert_eq!(small.srcset, "/warta/logo-300w.png 300w");
    }
}
