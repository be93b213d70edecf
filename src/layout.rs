//! The names of a site's folders and files, and of what warta writes: one
//! place, low in the stack, so that every stage and command uses the same
//! names and none imports a later stage for them.

/// The site's configuration file.
pub const CONFIG_FILE: &str = "site.yaml";
/// Markdown pages and their colocated files.
pub const CONTENT_DIR: &str = "content";
/// Overrides of the built-in theme.
pub const TEMPLATES_DIR: &str = "templates";
/// Fluent messages, `locales/<lang>/*.ftl`.
pub const LOCALES_DIR: &str = "locales";
/// Files copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";
/// The default output folder, `<site>/public`.
pub const OUTPUT_DIR: &str = "public";
/// The cache a build keeps for the next, `<site>/.warta-cache`.
pub const CACHE_DIR: &str = ".warta-cache";
/// The output folder of content files that are not pages (photos, PDFs),
/// under their path in `content/`.
pub const FILES_DIR: &str = "files";

/// The output path of `content/<content_path>`, a file that is not a page.
pub fn asset_output(content_path: &str) -> String {
    format!("{FILES_DIR}/{content_path}")
}

/// The search index's folder inside the output.
pub const SEARCH_DIR: &str = "pagefind";
/// A file in every output folder warta writes: a folder without it is
/// not warta's to replace (`warta build --force` overrides).
pub const OUTPUT_MARKER: &str = ".warta-output";
/// What the marker file says to a person who finds it.
pub const OUTPUT_MARKER_TEXT: &str = "This folder is the output of warta build, which replaces it as a whole.\nDo not keep other files here.\n";

/// The folders of a site that hold what its authors wrote: an output
/// folder may never be one of them or inside one.
pub const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR, LOCALES_DIR];
