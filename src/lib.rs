//! warta: a static site generator for bilingual program publications.
//!
//! The build is a pipeline of stages, each a module:
//! [`load`] → [`link`] → [`render`] → [`write`], run once by [`build`].
//! [`diagnostics`] carries every problem found on the way as a value; only
//! the command line prints them.

// Memory safety comes from the compiler alone; the fuzz targets rely on
// it to run without a sanitizer.
#![forbid(unsafe_code)]

pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod digest;
pub mod i18n;
pub mod layout;
pub mod link;
pub mod load;
pub mod maps;
pub mod model;
pub mod photo;
pub mod plan;
pub mod progress;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod shown;
pub mod workflow;
pub mod write;
