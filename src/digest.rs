//! Content hashes for load, the plan and the cache: XXH3 with 128 bits,
//! fed through `std::hash::Hash` so that any model value can be hashed
//! without a second serialization of it.
//!
//! A digest tells whether something changed by accident of editing, as
//! cargo's fingerprints do, not whether an adversary forged it: whoever
//! could forge a collision already writes the site's files. XXH3 hashes
//! the 330 MB a 10,000-story build renders in a fraction of the time a
//! cryptographic hash takes, and the cache hashes every byte it keeps.

use std::hash::{Hash, Hasher};

/// A 128-bit content hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Digest(pub [u8; 16]);

// As bytes: a fixed array would be written element by element.
impl serde::Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Digest;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("16 bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Digest, E> {
                <[u8; 16]>::try_from(bytes)
                    .map(Digest)
                    .map_err(|_| E::invalid_length(bytes.len(), &self))
            }
        }
        deserializer.deserialize_bytes(Bytes)
    }
}

/// A `Hasher` whose result is a `Digest`. `Hash` implementations
/// write lengths and separators, so that `("ab", "c")` and `("a", "bc")`
/// differ. The many small writes of a `Hash` go to a buffer, hashed in
/// one call: far faster than feeding a hash a few bytes at a time.
pub struct DigestHasher(Vec<u8>);

impl DigestHasher {
    pub fn new(domain: &str) -> Self {
        let mut hasher = DigestHasher(Vec::with_capacity(256));
        domain.hash(&mut hasher);
        hasher
    }

    pub fn add(&mut self, value: &impl Hash) -> &mut Self {
        value.hash(self);
        self
    }

    pub fn digest(&self) -> Digest {
        digest_bytes(&self.0)
    }
}

impl Hasher for DigestHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// Not used: `digest` gives the whole hash.
    fn finish(&self) -> u64 {
        let d = self.digest().0;
        u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
    }
}

/// The digest of one value.
pub fn digest_of(domain: &str, value: &impl Hash) -> Digest {
    DigestHasher::new(domain).add(value).digest()
}

/// The digest of raw bytes (a file's content).
pub fn digest_bytes(bytes: &[u8]) -> Digest {
    Digest(twox_hash::XxHash3_128::oneshot(bytes).to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separate_values_do_not_run_together() {
        assert_ne!(digest_of("t", &("ab", "c")), digest_of("t", &("a", "bc")));
        assert_ne!(digest_of("t", &"x"), digest_of("u", &"x"));
        assert_eq!(digest_of("t", &vec![1u8, 2]), digest_of("t", &vec![1u8, 2]));
    }
}
