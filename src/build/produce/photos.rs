//! Making photo versions: each photo is read and decoded once for all
//! its versions that need making, photos in parallel.

use std::path::Path;

use rayon::prelude::*;

use super::Production;
use crate::diagnostics::Diagnostic;

impl Production<'_> {
    /// Makes the photo versions among `jobs` (plan indices): each photo
    /// is read and decoded once for all its versions, photos in parallel.
    pub fn make_photos(
        &self,
        site: &Path,
        photos: &[crate::load::photos::SitePhoto],
        jobs: &[usize],
    ) -> Vec<Diagnostic> {
        let mut by_photo: std::collections::BTreeMap<
            usize,
            Vec<(usize, crate::photo::PhotoVersion)>,
        > = Default::default();
        for &i in jobs {
            if let crate::plan::Job::PhotoVersion { photo, version } = self.plan.outputs[i].job {
                by_photo.entry(photo).or_default().push((i, version));
            }
        }
        let groups: Vec<_> = by_photo.into_iter().collect();
        groups
            .par_iter()
            .filter_map(|(photo, versions)| {
                let source = &photos.get(*photo)?.source;
                let problem = |message: String| Diagnostic::error("photo.damaged", source, message);
                let bytes = match std::fs::read(site.join(source)) {
                    Ok(bytes) => bytes,
                    Err(e) => return Some(problem(format!("the photo cannot be read: {e}"))),
                };
                let wanted: Vec<crate::photo::PhotoVersion> =
                    versions.iter().map(|(_, v)| *v).collect();
                let made = match crate::photo::make_versions(&bytes, &wanted) {
                    Ok(made) => made,
                    Err(e) => {
                        return Some(Diagnostic::error(
                            e.code(),
                            source,
                            format!("the photo {}", e.message()),
                        ));
                    }
                };
                for ((i, _), bytes) in versions.iter().zip(made) {
                    let path = &self.plan.outputs[*i].path;
                    if let Err(problem) = self.write(path, &bytes) {
                        return Some(problem);
                    }
                    if self.records_wanted {
                        self.keep(*i, &bytes);
                    }
                }
                None
            })
            .collect()
    }
}
