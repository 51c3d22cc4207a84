//! Errors that point at a place in a file: `file:line:column: message`.

use std::fmt;

/// An error found while reading a file, with the position when one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file (or a name standing for it, such as `<built-in>/compute.ron`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What went wrong, in words a user can act on.
    pub message: String,
}

impl LoadError {
    /// An error with no position (for example: the file could not be read).
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError { file: file.into(), line: None, column: None, message: message.into() }
    }

    /// An error from the RON parser, keeping its line and column.
    pub fn from_ron(file: impl Into<String>, err: &ron::error::SpannedError) -> Self {
        let pos = &err.span.start;
        LoadError {
            file: file.into(),
            line: Some(pos.line.max(1)),
            column: Some(pos.col.max(1)),
            message: err.code.to_string(),
        }
    }
}

impl LoadError {
    /// An error at byte `offset` of `text`, with its line and column.
    pub fn at(file: impl Into<String>, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = crate::position::line_col(text, offset);
        LoadError { file: file.into(), line: Some(line), column: Some(column), message: message.into() }
    }
}

/// The bytes of a file as text, or an error at the first byte that is not UTF-8 (line and
/// column counted over the valid text before it).
pub fn utf8_text(file: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        LoadError::at(file, &before, before.len(), "the file is not UTF-8 text here")
    })
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.file, l, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Writes `file:line:col: message` (or `file: message` when `line` is 0), with both texts made
/// safe for a terminal: the one shape of the importer's and the findings readers' errors.
pub fn write_at(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    line: usize,
    col: usize,
    message: &str,
) -> fmt::Result {
    let file = crate::text::sanitize(file, crate::text::Lines::Escape);
    let msg = crate::text::sanitize(message, crate::text::Lines::Escape);
    if line > 0 { write!(f, "{file}:{line}:{col}: {msg}") } else { write!(f, "{file}: {msg}") }
}
