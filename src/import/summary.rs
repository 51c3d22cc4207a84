//! The import summary (design.md "Import"): every resource of every input and what it became,
//! as text for people and JSON for scripts.

use super::assemble::Assembly;
use serde::Serialize;

/// What a resource became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A component.
    Component,
    /// A boundary.
    Boundary,
    /// Folded into a component or boundary.
    Folded,
    /// Left out.
    Ignored,
}

impl Outcome {
    /// The word used in JSON and text.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Component => "component",
            Outcome::Boundary => "boundary",
            Outcome::Folded => "folded",
            Outcome::Ignored => "ignored",
        }
    }
}

/// One resource of the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceLine {
    /// The input it is in.
    pub file: String,
    /// Logical id or address.
    pub address: String,
    /// Resource type.
    #[serde(rename = "type")]
    pub rtype: String,
    /// What it became.
    pub outcome: Outcome,
    /// The component or boundary id it became or was folded into.
    pub into: Option<u64>,
    /// Why (folded, ignored, conditional, implicit).
    pub reason: Option<String>,
    /// `into` is a boundary id (ids of boundaries and components are separate number spaces).
    #[serde(skip)]
    pub into_boundary: bool,
}

impl ResourceLine {
    /// The line for resource `i`.
    pub fn new(
        a: &Assembly,
        i: usize,
        outcome: Outcome,
        into: Option<u64>,
        reason: Option<String>,
    ) -> ResourceLine {
        let r = &a.resources[i];
        ResourceLine {
            file: a.files[r.file].clone(),
            address: r.address.clone(),
            rtype: r.rtype.clone(),
            outcome,
            into,
            reason,
            into_boundary: outcome == Outcome::Boundary,
        }
    }

    /// The same line, folded into a boundary rather than a component.
    pub fn into_box(mut self) -> Self {
        self.into_boundary = true;
        self
    }
}

/// One input and what kind it was.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    /// File name as given.
    pub file: String,
    /// `cloudformation`, `terraform-plan` or `terraform-state`.
    pub kind: &'static str,
}

/// A component of the project imported into that no input has any more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gone {
    /// Its id.
    pub id: u64,
    /// Its label.
    pub label: String,
    /// The resource it came from.
    pub source: String,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The inputs.
    pub inputs: Vec<Input>,
    /// Every resource.
    pub resources: Vec<ResourceLine>,
    /// Components in the result.
    pub components: usize,
    /// Boundaries in the result.
    pub boundaries: usize,
    /// Connections in the result.
    pub connections: usize,
    /// Warnings.
    pub warnings: Vec<String>,
    /// On a re-import: components whose resource is gone from the code (kept in the project).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<Gone>,
}

impl Summary {
    /// How many resources had each outcome, in [`Outcome`] order.
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for r in &self.resources {
            n[r.outcome as usize] += 1;
        }
        n
    }

    /// The summary for people: counts, then every resource grouped by outcome, then warnings.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let t = |s: &str| crate::text::sanitize(s, crate::text::Lines::Escape).into_owned();
        let mut out = String::new();
        for i in &self.inputs {
            let _ = writeln!(out, "{} ({})", t(&i.file), i.kind);
        }
        let [c, b, f, ig] = self.counts();
        let _ = writeln!(
            out,
            "{} resources: {c} components, {b} boundaries, {f} folded, {ig} ignored; {} connections",
            self.resources.len(),
            self.connections
        );
        for outcome in [Outcome::Component, Outcome::Boundary, Outcome::Folded, Outcome::Ignored] {
            let rows: Vec<&ResourceLine> = self.resources.iter().filter(|r| r.outcome == outcome).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{}:", outcome.id());
            for r in rows {
                let into = match (r.into, r.into_boundary) {
                    (Some(i), true) => format!(" → box {i}"),
                    (Some(i), false) => format!(" → component {i}"),
                    (None, _) => String::new(),
                };
                let why = r.reason.as_deref().map(|w| format!(": {}", t(w))).unwrap_or_default();
                let _ = writeln!(out, "  {} ({}){into}{why}", t(&r.address), t(&r.rtype));
            }
        }
        if !self.gone.is_empty() {
            let _ = writeln!(out, "\ngone from the code (kept in the project):");
            for g in &self.gone {
                let _ = writeln!(out, "  {} {} ({})", g.id, t(&g.label), t(&g.source));
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\nwarnings:");
            for w in &self.warnings {
                let _ = writeln!(out, "  {}", t(w));
            }
        }
        out
    }
}
