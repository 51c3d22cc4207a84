//! Migrations from older project formats to the current one, one function per version step.
//!
//! # How it works
//! Every project file starts with `format: N`. A file of the current format
//! ([`FORMAT_VERSION`]) is parsed straight into [`Project`](super::Project), so every error keeps
//! its exact line and column. A file of an older format is parsed into an untyped
//! [`ron::Value`] tree (syntax errors still have their position), then each step in [`STEPS`]
//! from its format up to the current one rewrites that tree, and the result is converted into a
//! `Project`. A file of a newer format is refused with a message saying so.
//!
//! # Adding a format
//! When a change to the project structs cannot be read by the old `Deserialize` (a field renamed
//! or moved, a meaning changed; adding a `#[serde(default)]` field needs no new format):
//! 1. bump [`FORMAT_VERSION`];
//! 2. write `fn vN_to_vN1(doc: &mut ron::Value) -> Result<(), String>` below, which turns a
//!    format-N document into a format-N+1 one (it must not touch `format`: [`run`] sets it);
//! 3. append `Step { from: N, describe: "...", apply: vN_to_vN1 }` to [`STEPS`];
//! 4. add a test with a real format-N file under `tests/` that loads and saves as N+1.
//!
//! # Formats read directly
//! A format that only *adds* fields with defaults needs no rewrite: the typed parse reads it
//! as it is, with exact positions, and saving writes the current format. Formats from
//! [`READ_DIRECTLY_FROM`] up to [`FORMAT_VERSION`] are of that kind, so steps only ever run up
//! to `READ_DIRECTLY_FROM`.
//!
//! # Today
//! Format 1 is the first format srm-planner wrote. Format 2 added `boundaries` to the project
//! and `boundary` and `source` to components, all defaulted, so a format 1 file is read
//! directly (with no boundaries) and saved as format 2. [`STEPS`] is empty and a file with
//! `format: 0` (or any older number) is refused as unknown. The tests in this module exercise the
//! framework with an invented, test-only "format 0" (a project whose name was called `title`);
//! that format never existed in any release.

use super::FORMAT_VERSION;
use ron::Value;

/// The oldest format the typed parser reads as it is (see "Formats read directly").
pub const READ_DIRECTLY_FROM: u32 = 1;

/// One migration: turns a document of format `from` into one of format `from + 1`.
#[derive(Clone, Copy)]
pub struct Step {
    /// The format this step reads.
    pub from: u32,
    /// What it changes, for the load report ("renamed `title` to `name`").
    pub describe: &'static str,
    /// The rewrite.
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every migration step, oldest first. Empty while format 1 is the only format.
pub const STEPS: &[Step] = &[];

/// Why a document could not be migrated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    /// No step reads this format.
    NoStep(u32),
    /// A step failed.
    Step {
        /// The format the failing step reads.
        from: u32,
        /// Its message.
        message: String,
    },
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MigrateError::NoStep(n) => write!(
                f,
                "project format {n} is not one this version of srm-planner can read or convert \
                 (it reads formats {READ_DIRECTLY_FROM} to {FORMAT_VERSION})"
            ),
            MigrateError::Step { from, message } => {
                write!(f, "could not convert from project format {from} to {}: {message}", from + 1)
            }
        }
    }
}

/// Migrates `doc` from format `from` up to [`READ_DIRECTLY_FROM`] with `steps`, setting its `format`
/// field after each step. Returns what each applied step did.
pub fn run(doc: &mut Value, from: u32, steps: &[Step]) -> Result<Vec<&'static str>, MigrateError> {
    let mut done = Vec::new();
    let mut version = from;
    while version < READ_DIRECTLY_FROM {
        let step = steps.iter().find(|s| s.from == version).ok_or(MigrateError::NoStep(version))?;
        (step.apply)(doc).map_err(|message| MigrateError::Step { from: version, message })?;
        version += 1;
        set_field(doc, "format", Value::Number(ron::value::Number::U32(version)))
            .map_err(|message| MigrateError::Step { from: version - 1, message })?;
        done.push(step.describe);
    }
    Ok(done)
}

/// Sets (or adds) a field of a struct-like document.
pub fn set_field(doc: &mut Value, name: &str, value: Value) -> Result<(), String> {
    match doc {
        Value::Map(map) => {
            map.insert(Value::String(name.to_string()), value);
            Ok(())
        }
        _ => Err("the project is not a struct".into()),
    }
}

/// Removes a field of a struct-like document, returning its value.
pub fn take_field(doc: &mut Value, name: &str) -> Option<Value> {
    match doc {
        Value::Map(map) => map.remove(&Value::String(name.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::io::load_str_with;

    /// The invented, test-only format 0: like format 1 but the name was called `title`.
    fn v0_to_v1(doc: &mut Value) -> Result<(), String> {
        if let Some(title) = take_field(doc, "title") {
            set_field(doc, "name", title)?;
        }
        Ok(())
    }

    const TEST_STEPS: &[Step] = &[Step { from: 0, describe: "renamed `title` to `name`", apply: v0_to_v1 }];

    #[test]
    fn an_older_format_loads_through_its_steps() {
        let text = r#"(format: 0, title: "Shop", components: [(id: 1, service: "s3", shiny: true)])"#;
        let loaded = load_str_with(text, "old.ron", TEST_STEPS).unwrap();
        assert_eq!(loaded.migrated_from, Some(0));
        assert_eq!(loaded.project.format, FORMAT_VERSION);
        assert_eq!(loaded.project.name, "Shop");
        assert_eq!(loaded.project.components.len(), 1);
        // Unknown fields survive a migration too.
        let saved = crate::project::to_ron_string(&loaded.project);
        assert!(saved.contains("shiny: true"), "{saved}");
        assert!(saved.contains(&format!("format: {FORMAT_VERSION}")), "{saved}");
    }

    #[test]
    fn without_a_step_an_older_format_is_refused() {
        let e = load_str_with("(format: 0, name: \"x\")", "old.ron", &[]).unwrap_err();
        assert!(e.message.contains("format 0"), "{e}");
        assert_eq!(e.file, "old.ron");
    }

    #[test]
    fn a_failing_step_is_reported() {
        fn fails(_: &mut Value) -> Result<(), String> {
            Err("broken".into())
        }
        let steps = [Step { from: 0, describe: "fails", apply: fails }];
        let e = load_str_with("(format: 0)", "old.ron", &steps).unwrap_err();
        assert!(e.message.contains("broken") && e.message.contains("format 0"), "{e}");
    }

    #[test]
    fn steps_run_in_order_and_set_the_format() {
        let mut doc: Value = ron::from_str("(format: 0, title: \"a\")").unwrap();
        let done = run(&mut doc, 0, TEST_STEPS).unwrap();
        assert_eq!(done, vec!["renamed `title` to `name`"]);
        let Value::Map(m) = &doc else { panic!("not a map") };
        assert_eq!(m.get(&Value::String("format".into())), Some(&Value::Number(ron::value::Number::U32(1))));
        assert!(m.get(&Value::String("title".into())).is_none());
    }
}
