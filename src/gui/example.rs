//! The bundled example project, embedded so the app shows a real architecture even when run
//! outside the repository.

use crate::project::{Project, from_ron_str};

/// The example's text (the repository's `saved/three-tier-web-app.ron`).
pub const EXAMPLE_RON: &str = include_str!("../../saved/three-tier-web-app.ron");

/// The example project (an empty project should the embedded text ever fail to parse; a test
/// guards against that).
pub fn example_project() -> Project {
    from_ron_str(EXAMPLE_RON, "<bundled example>").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_example_parses_and_has_components() {
        let p = crate::project::from_ron_str(super::EXAMPLE_RON, "example").unwrap();
        assert!(p.components.len() >= 3);
    }
}
