//! What a build keeps for the next one. `record` holds the rule for
//! whether an output's last production still holds; `serve` keeps those
//! records in memory between saves.

pub mod record;
pub mod store;

pub use record::{OutputRecord, Records};
