//! Accounts, roles, sessions and the login rate limit.
//!
//! Passwords are hashed with argon2 (PHC strings with their own salt). A login returns a random
//! bearer token; the store keeps only its SHA-256, with an expiry. Failed logins are limited per
//! account name: after `MAX_FAILURES` failures inside `WINDOW`, further attempts are refused
//! with 429 until the window passes, whatever the password.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::{HeaderMap, StatusCode};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// What an account may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Election commission administrator: every write.
    Admin,
    /// A party's official: submissions for their own party only.
    PartyOfficial { party: String },
    /// The registering authority (judicial): party registration and lifecycle events.
    Registrar,
    /// Read-only.
    Observer,
}

/// The role names the accounts table and `saylau user add` use.
pub const ROLES: &[&str] = &["admin", "party_official", "registrar", "observer"];

impl Role {
    pub fn from_parts(role: &str, party: Option<&str>) -> Result<Role, String> {
        match (role, party) {
            ("admin", None) => Ok(Role::Admin),
            ("registrar", None) => Ok(Role::Registrar),
            ("observer", None) => Ok(Role::Observer),
            ("party_official", Some(p)) if !p.trim().is_empty() => Ok(Role::PartyOfficial {
                party: p.trim().to_string(),
            }),
            ("party_official", _) => Err("a party official needs --party".into()),
            (r, Some(_)) if ROLES.contains(&r) => Err(format!("a `{r}` account has no party")),
            (r, _) => Err(format!(
                "`{r}` is not a role (expected one of {})",
                ROLES.join(", ")
            )),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::PartyOfficial { .. } => "party_official",
            Role::Registrar => "registrar",
            Role::Observer => "observer",
        }
    }
}

/// The account behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Role,
}

pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness for a salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the account's `hash`; for a name with no account the same work
/// is done against a hash of nothing, so the answer takes as long and does not tell which
/// names exist.
pub fn check_password(password: &str, hash: Option<&str>) -> bool {
    static NO_ACCOUNT: std::sync::LazyLock<Option<String>> =
        std::sync::LazyLock::new(|| hash_password("no account has this password").ok());
    match hash {
        Some(hash) => verify_password(password, hash),
        None => {
            if let Some(dummy) = NO_ACCOUNT.as_deref() {
                let _ = verify_password(password, dummy);
            }
            false
        }
    }
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new bearer token (32 random bytes, hex) and the hash the store keeps.
pub fn new_token() -> Result<(String, String), ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("no randomness: {e}")))?;
    let token = hex(&bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Failed logins per account name within a window.
pub struct LoginLimiter {
    /// Attempts by account name (kept as its hash, so a long name costs no more than a
    /// short one), and when the window of the first began.
    attempts: Mutex<HashMap<String, (u32, Instant)>>,
    max_attempts: u32,
    window: Duration,
}

/// Failures allowed per account name inside the window.
pub const MAX_FAILURES: u32 = 5;
/// The window of the login rate limit.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Most names the limiter remembers: past it, names whose window has passed are forgotten,
/// then the oldest, so a flood of made-up names cannot grow it without bound.
pub const MAX_TRACKED: usize = 10_000;

impl LoginLimiter {
    pub fn new(max_attempts: u32, window: Duration) -> LoginLimiter {
        LoginLimiter {
            attempts: Mutex::new(HashMap::new()),
            max_attempts,
            window,
        }
    }

    /// Counts an attempt for `name` before its password is checked, or refuses with 429 when
    /// `name` has used its attempts in the window: counted first, so parallel attempts cannot
    /// all pass a check made before any of them failed. A success forgets the name.
    pub fn attempt(&self, name: &str) -> Result<(), ApiError> {
        let Ok(mut map) = self.attempts.lock() else {
            return Ok(());
        };
        let key = token_hash(name);
        if !map.contains_key(&key) && map.len() >= MAX_TRACKED {
            map.retain(|_, (_, since)| since.elapsed() < self.window);
            if map.len() >= MAX_TRACKED
                && let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, (_, since))| *since)
                    .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        let entry = map.entry(key).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= self.window {
            *entry = (0, Instant::now());
        }
        if entry.0 >= self.max_attempts {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!(
                    "too many failed logins for `{}`; try again in {} s",
                    saylau_core::text::quote(name),
                    self.window.saturating_sub(entry.1.elapsed()).as_secs() + 1
                ),
            ));
        }
        entry.0 += 1;
        Ok(())
    }

    pub fn succeeded(&self, name: &str) {
        if let Ok(mut map) = self.attempts.lock() {
            map.remove(&token_hash(name));
        }
    }

    /// How many names the limiter remembers.
    pub fn tracked(&self) -> usize {
        self.attempts.lock().map_or(0, |m| m.len())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct horsf", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn roles_need_a_party_exactly_when_party_officials() {
        assert_eq!(
            Role::from_parts("party_official", Some("azat")).unwrap(),
            Role::PartyOfficial {
                party: "azat".into()
            }
        );
        assert!(Role::from_parts("party_official", None).is_err());
        assert!(Role::from_parts("admin", Some("azat")).is_err());
        assert!(Role::from_parts("king", None).is_err());
    }

    #[test]
    fn the_limiter_refuses_after_too_many_attempts_and_forgets_after_success() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.attempt("a").is_ok());
        }
        assert_eq!(
            l.attempt("a").unwrap_err().status,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert!(l.attempt("b").is_ok(), "per account");
        l.succeeded("a");
        assert!(l.attempt("a").is_ok());
        let l = LoginLimiter::new(1, Duration::from_millis(0));
        assert!(l.attempt("a").is_ok());
        assert!(l.attempt("a").is_ok(), "the window has passed");
    }

    #[test]
    fn the_limiter_remembers_a_bounded_number_of_names() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        for i in 0..MAX_TRACKED + 500 {
            assert!(l.attempt(&format!("name-{i}")).is_ok());
        }
        assert_eq!(l.tracked(), MAX_TRACKED);
        // The newest names are still counted.
        let last = format!("name-{}", MAX_TRACKED + 499);
        assert!(l.attempt(&last).is_ok());
        assert!(l.attempt(&last).is_ok());
        assert!(l.attempt(&last).is_err());
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, ha) = new_token().unwrap();
        let (b, _) = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(ha, token_hash(&a));
        assert_ne!(ha, a);
    }
}
