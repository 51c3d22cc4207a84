//! Compliance knowledge in the catalog: the Security Hub CSPM controls the to-dos name (with the
//! framework requirements each control's page lists), the framework versions those requirements
//! belong to (every requirement, so the ones a design leaves unaddressed can be listed), and
//! published mappings from scanner checks to requirements (ISO/IEC 27001:2022 via Prowler).
//! The format is documented in `assets/CATALOG.md`, section "Compliance".

use crate::vocab::{Framework, Priority};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Requirement ids per framework-version id (`"nist-800-53-r5": ["SC-28"]`).
pub type Requirements = BTreeMap<String, Vec<String>>;

/// One Security Hub CSPM control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlDef {
    /// The control id (`EC2.8`).
    pub id: String,
    /// The AWS Config resource types it evaluates, as its page lists them
    /// (`AWS::EC2::Instance`); empty for account-level controls.
    #[serde(default)]
    pub resource_types: Vec<String>,
    /// What it checks, in our own words.
    pub checks: String,
    /// Its severity on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Priority>,
    /// The page's "Related requirements", per framework version.
    #[serde(default)]
    pub requirements: Requirements,
    /// The control's page.
    pub source: String,
}

/// One requirement of a framework version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementDef {
    /// Its id as the framework writes it (`AC-2(1)`, `3.5.1`, `A.8.9`, `1.14`).
    pub id: String,
    /// A short title.
    pub title: String,
}

/// A framework version whose requirement ids to-dos refer to (`cis-aws-5.0.0`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkVersion {
    /// Stable id (`cis-aws-5.0.0`, `nist-800-53-r5`, `pci-dss-4.0.1`, `iso-27001-2022`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// The compliance programme it belongs to, when the catalog models one.
    #[serde(default)]
    pub programme: Option<Framework>,
    /// Where the requirement list comes from.
    pub sources: Vec<String>,
    /// One line on what the list covers ("every recommendation of the benchmark").
    #[serde(default)]
    pub listed: String,
    /// Every requirement, in the framework's order.
    pub requirements: Vec<RequirementDef>,
}

/// A published mapping from one scanner's checks to a framework version's requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckMapping {
    /// The framework version it maps to.
    pub framework: String,
    /// The scanner whose check ids it keys on (`prowler`, `checkov`).
    pub tool: String,
    /// Where it is published.
    pub source: String,
    /// Who publishes it and what it is.
    #[serde(default)]
    pub note: String,
    /// Check id to requirement ids.
    pub checks: BTreeMap<String, Vec<String>>,
}

/// A documented limit on a programme's scope: an engine or feature of an in-scope service that
/// is not covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeExclusion {
    /// The service concerned.
    pub service: String,
    /// The variants not covered; empty when the note is about the whole service (a feature).
    #[serde(default)]
    pub variants: Vec<String>,
    /// What is not covered and what to do, in our own words.
    pub note: String,
    /// The page that says so.
    pub source: String,
}

/// Where one requirement of a to-do comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "id")]
pub enum RequirementSource {
    /// A Security Hub control of the to-do.
    Control(String),
    /// A scanner check of the to-do, through a published mapping.
    Check(String),
    /// Written on the to-do itself.
    Todo,
}

/// The requirements a to-do addresses, per framework version, each with where it comes from.
pub type TodoRequirements = BTreeMap<String, BTreeMap<String, BTreeSet<RequirementSource>>>;

/// Is `id` a well-formed requirement id of the framework-version family of `framework`?
/// (The list of the version itself is the final word; this catches typos in new versions.)
pub fn is_requirement_id(framework: &str, id: &str) -> bool {
    let dotted = |s: &str| {
        !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    if framework.starts_with("cis-") || framework.starts_with("pci-dss-") {
        dotted(id)
    } else if framework.starts_with("nist-800-53") {
        // AC-2, AC-2(1), SC-7(4)
        let Some((fam, rest)) = id.split_once('-') else { return false };
        let (num, enh) = match rest.split_once('(') {
            Some((n, e)) => (n, Some(e)),
            None => (rest, None),
        };
        fam.len() == 2
            && fam.chars().all(|c| c.is_ascii_uppercase())
            && !num.is_empty()
            && !num.starts_with('0')
            && num.chars().all(|c| c.is_ascii_digit())
            && enh.is_none_or(|e| {
                e.strip_suffix(')').is_some_and(|n| {
                    !n.is_empty() && !n.starts_with('0') && n.chars().all(|c| c.is_ascii_digit())
                })
            })
    } else if framework.starts_with("iso-27001") {
        id.strip_prefix("A.").is_some_and(dotted)
    } else {
        !id.trim().is_empty() && !id.chars().any(char::is_control)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_id_forms() {
        assert!(is_requirement_id("nist-800-53-r5", "AC-2"));
        assert!(is_requirement_id("nist-800-53-r5", "SC-7(4)"));
        assert!(!is_requirement_id("nist-800-53-r5", "ac-2"));
        assert!(!is_requirement_id("nist-800-53-r5", "AC-2(01)"));
        assert!(!is_requirement_id("nist-800-53-r5", "AC-2(1"));
        assert!(is_requirement_id("pci-dss-4.0.1", "10.2.1.2"));
        assert!(!is_requirement_id("pci-dss-4.0.1", "10..2"));
        assert!(is_requirement_id("cis-aws-5.0.0", "2.1.1"));
        assert!(is_requirement_id("iso-27001-2022", "A.8.9"));
        assert!(!is_requirement_id("iso-27001-2022", "8.9"));
    }
}
