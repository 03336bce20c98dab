//! The longest values the product accepts, checked by the browser's forms (`maxlength`) and
//! by the server alike.

/// Longest name a contact can have, and so the longest name filter worth running.
pub const NAME_MAX: usize = 100;
/// Longest email address (RFC 5321).
pub const EMAIL_MAX: usize = 254;
/// Longest contact title (« Titre du poste »).
pub const TITLE_MAX: usize = 150;
/// Longest phone extension, in digits.
pub const EXTENSION_MAX: usize = 6;
/// Longest password the sign-in and the account creation read; anything longer is refused
/// before it is hashed.
pub const PASSWORD_MAX: usize = 1024;
