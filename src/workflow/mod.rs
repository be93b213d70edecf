//! The editor's and translator's commands: `check`, `status`,
//! `translate`, `new`, `import`, `init`. Each reuses the pipeline's
//! stages (load, link, render) rather than reading files its own way.

pub mod import;
pub mod import_files;
pub mod new;
pub mod status;
pub mod translate;
