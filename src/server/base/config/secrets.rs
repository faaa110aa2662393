//! The values configuration holds that must never be printed: secrets and
//! the token encryption key, with redacted `Debug`.

use std::fmt;

use base64::Engine;

/// A value that must never be printed: `Debug` and `Display` are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The 32-byte key that encrypts OAuth tokens at rest, with the id stored beside each row.
#[derive(Clone)]
pub struct EncryptionKey {
    pub id: String,
    pub bytes: [u8; 32],
}

impl fmt::Debug for EncryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptionKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl EncryptionKey {
    /// Parses base64 of exactly 32 bytes. The key id is derived from the key so that
    /// rotating the key changes the id without another variable to keep in sync.
    pub fn from_base64(value: &str) -> Result<Self, String> {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(value.trim())
            .map_err(|_| "is not valid base64".to_owned())?;
        let bytes: [u8; 32] = raw
            .try_into()
            .map_err(|v: Vec<u8>| format!("must decode to 32 bytes, got {}", v.len()))?;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(bytes);
        Ok(Self {
            id: hex::encode(&digest[..4]),
            bytes,
        })
    }
}
