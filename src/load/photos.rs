//! The site's photos, read at load: every JPEG or PNG (and every HEIC,
//! which is refused where it is used) among the files of `content/` and
//! `static/`. What the plan needs of each — its size as shown, whether it
//! has transparency, and the digest of its bytes — is read here once; a
//! photo whose stamp the cache knows is not read again.

use std::path::Path;

use rayon::prelude::*;

use crate::digest::{Digest, digest_bytes};
use crate::model::FileStamp;
use crate::photo::{Photo, PhotoError};

/// One photo of the site.
#[derive(Debug, Clone)]
pub struct SitePhoto {
    /// Site-relative, `/`-separated: `content/news/foto.jpg`.
    pub source: String,
    /// Where the original is published: `files/news/foto.jpg`.
    pub output: String,
    pub stamp: Option<FileStamp>,
    pub digest: Digest,
    /// What it is, or why it cannot be published in versions.
    pub photo: Result<Photo, PhotoError>,
}

/// What a previous build read of a photo.
#[derive(Debug, Clone, Copy)]
pub struct KnownPhoto {
    pub stamp: FileStamp,
    pub digest: Digest,
    pub photo: Photo,
}

/// Reads the photos among `files` (each a site-relative source and its
/// output path), in parallel, in the order given. `known` is what the
/// cache holds by source path; a file modified at or after
/// `trusted_before_ns` is read even when its stamp matches.
pub fn read_photos(
    site: &Path,
    files: impl Iterator<Item = (String, String)>,
    known: Option<&crate::maps::HashMap<String, KnownPhoto>>,
    trusted_before_ns: i128,
) -> Vec<SitePhoto> {
    let candidates: Vec<(String, String)> = files
        .filter(|(source, _)| crate::photo::is_photo_path(source))
        .collect();
    candidates
        .into_par_iter()
        .map(|(source, output)| {
            let path = site.join(&source);
            let stamp = std::fs::metadata(&path)
                .ok()
                .and_then(|m| FileStamp::of(&m));
            if let (Some(known), Some(stamp)) = (known.and_then(|k| k.get(&source)), stamp)
                && known.stamp == stamp
                && stamp.modified_ns < trusted_before_ns
            {
                return SitePhoto {
                    source,
                    output,
                    stamp: Some(stamp),
                    digest: known.digest,
                    photo: Ok(known.photo),
                };
            }
            let (digest, photo) = match std::fs::read(&path) {
                Ok(bytes) => (digest_bytes(&bytes), crate::photo::probe(&bytes)),
                Err(e) => (
                    Digest::default(),
                    Err(PhotoError::Damaged(format!("it cannot be read: {e}"))),
                ),
            };
            SitePhoto {
                source,
                output,
                stamp,
                digest,
                photo,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_read_and_known_ones_are_not_read_again() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/news");
        std::fs::create_dir_all(&dir).unwrap();
        let mut png = Vec::new();
        image::DynamicImage::new_rgb8(30, 20)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        std::fs::write(dir.join("foto.png"), &png).unwrap();
        std::fs::write(dir.join("bukan.jpg"), "text").unwrap();
        std::fs::write(dir.join("laporan.pdf"), "pdf").unwrap();
        let files = || {
            ["foto.png", "bukan.jpg", "laporan.pdf"]
                .into_iter()
                .map(|name| (format!("content/news/{name}"), format!("files/news/{name}")))
        };
        let photos = read_photos(site.path(), files(), None, i128::MAX);
        assert_eq!(photos.len(), 2, "the PDF is not a photo");
        let foto = &photos[0];
        assert_eq!(foto.output, "files/news/foto.png");
        assert_eq!(
            foto.photo.as_ref().map(|p| (p.width, p.height)),
            Ok((30, 20))
        );
        assert_eq!(foto.digest, digest_bytes(&png));
        assert_eq!(photos[1].photo, Err(PhotoError::NotAnImage));

        // A known stamp is trusted: the size comes from the cache.
        let mut known = crate::maps::HashMap::default();
        let told = Photo {
            width: 7,
            height: 5,
            alpha: false,
        };
        known.insert(
            "content/news/foto.png".to_string(),
            KnownPhoto {
                stamp: foto.stamp.unwrap(),
                digest: foto.digest,
                photo: told,
            },
        );
        let again = read_photos(site.path(), files(), Some(&known), i128::MAX);
        assert_eq!(again[0].photo, Ok(told));
        // Unless the file changed too recently for its stamp to tell.
        let recent = read_photos(site.path(), files(), Some(&known), 0);
        assert_eq!(recent[0].photo.as_ref().map(|p| p.width), Ok(30));
    }
}
