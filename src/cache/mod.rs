//! What a build keeps for the next one. `record` holds the rule for
//! whether an output's last production still holds; `serve` keeps those
//! records in memory between saves. `store` is the cache on disk, `index`
//! what its index holds and the index file's layout, `log`
//! the changes appended to its index between whole writes of it, `pack`
//! the appending of one build's blobs, `runs` the reading of many blobs
//! in few reads, and `folder` where a cache may live.

pub mod folder;
mod index;
pub mod log;
mod pack;
pub mod record;
mod runs;
pub mod store;

pub use record::{OutputRecord, Records};
