//! The hash maps the cache and the build plan keep by path and digest:
//! tens of thousands of short keys, hashed several times per build. The
//! keys are the site's own, so the standard library's SipHash, made to
//! resist keys chosen by an attacker, buys nothing here; foldhash hashes
//! them several times faster, still seeded per process.

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
