//! What a build keeps for the next one. `record` holds the rule for
//! whether an output's last production still holds; `serve` keeps those
//! records in memory between saves. `store` is the cache on disk, `log`
//! the changes appended to its index between whole writes of it, and
//! `folder` where a cache may live.

pub mod folder;
pub mod log;
pub mod record;
pub mod store;

pub use record::{OutputRecord, Records};
