//! Matching findings to the checklist: a finding answers the to-dos that list its check (a
//! Security Hub control id in `controls` or `other_controls`, a Prowler id in `prowler`, a
//! Checkov id in `checkov`), and belongs to the component whose `source` is its resource, or that
//! names it (an address, ARN or resource name in its label or notes, as an import writes the
//! resources it folded), or, failing those, to the one component of the to-do's service that the
//! item covers. Findings that answer no to-do of the checklist are counted and listed.

use super::{FindingsFile, Source, Status};
use crate::checklist::Checklist;
use crate::project::{ComponentId, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One resource's result for a to-do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceResult {
    /// The resource (address, logical id or ARN).
    pub id: Arc<str>,
    /// Its result.
    pub status: Status,
    /// The component it belongs to, when one was found.
    pub component: Option<u64>,
    /// The check that gave it.
    pub check: Arc<str>,
}

/// What the findings say about one to-do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TodoEvidence {
    /// Resources that pass.
    pub passed: usize,
    /// Resources that fail.
    pub failed: usize,
    /// Results the team accepted (suppressed, muted, skipped).
    pub accepted: usize,
    /// Every resource's result, failures first.
    pub resources: Vec<ResourceResult>,
}

impl TodoEvidence {
    /// Does every result pass (or was accepted), with at least one pass?
    pub fn all_pass(&self) -> bool {
        self.failed == 0 && self.passed > 0
    }

    /// The components with a failing resource.
    pub fn failing_components(&self) -> Vec<ComponentId> {
        let mut out: Vec<ComponentId> = self
            .resources
            .iter()
            .filter(|r| r.status == Status::Failed)
            .filter_map(|r| r.component.map(ComponentId))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// What the evidence suggests, in words ("all 4 resources pass", "2 of 5 resources fail").
    pub fn summary(&self) -> String {
        let n = self.passed + self.failed + self.accepted;
        let accepted =
            if self.accepted > 0 { format!(", {} accepted", self.accepted) } else { String::new() };
        if self.failed > 0 {
            format!("{} of {n} resource(s) fail{accepted}", self.failed)
        } else if self.passed > 0 {
            format!("all {} resource(s) pass{accepted}", self.passed)
        } else {
            format!("{n} result(s), all accepted")
        }
    }
}

/// One file's part, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    /// The file as given.
    pub file: String,
    /// Which scanner wrote it.
    pub source: Option<Source>,
    /// Its AWS findings (after duplicates).
    pub findings: usize,
    /// Left out, with why.
    pub skipped: Vec<(String, usize)>,
    /// Duplicates removed.
    pub duplicates: usize,
}

/// The counts of design.md's `findings` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Findings files read.
    pub files: usize,
    /// AWS findings read (after duplicates).
    pub total: usize,
    /// Findings that answer a to-do of the checklist.
    pub matched: usize,
    /// Findings that answer none.
    pub unmatched: usize,
}

/// Everything the findings say about a project's checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// By to-do id.
    pub by_todo: BTreeMap<String, TodoEvidence>,
    /// Counts.
    pub stats: Stats,
    /// Each file's part.
    pub files: Vec<FileSummary>,
    /// Unmatched findings as (check, resource), the first [`MAX_LISTED`] of them.
    pub unmatched: Vec<(Arc<str>, Arc<str>)>,
}

/// How many unmatched findings are listed by name (all are counted).
pub const MAX_LISTED: usize = 200;

impl Evidence {
    /// The evidence of one to-do.
    pub fn todo(&self, id: &str) -> Option<&TodoEvidence> {
        self.by_todo.get(id)
    }
}

/// Words of a component's label and notes that can name a resource: addresses, logical ids,
/// ARNs, names.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|t| t.trim_end_matches(['.', ':']))
        .filter(|t| t.len() >= 3)
}

/// Matches the findings of `files` to the checklist of `project`.
pub fn build(project: &Project, checklist: &Checklist, files: &[FindingsFile]) -> Evidence {
    // Check id → the checklist items that list it.
    let mut by_check: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, item) in checklist.items.iter().enumerate() {
        let t = &item.todo;
        for id in t.controls.iter().chain(&t.other_controls).chain(&t.prowler).chain(&t.checkov) {
            let list = by_check.entry(id.as_str()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
    // Resource names → components (a name two components use names neither).
    let mut by_source: HashMap<&str, ComponentId> = HashMap::new();
    let mut by_token: HashMap<&str, Option<ComponentId>> = HashMap::new();
    for c in &project.components {
        if let Some(s) = c.source.as_deref() {
            by_source.insert(s, c.id);
        }
        for t in tokens(&c.label).chain(tokens(&c.notes)) {
            by_token
                .entry(t)
                .and_modify(|v| {
                    if *v != Some(c.id) {
                        *v = None;
                    }
                })
                .or_insert(Some(c.id));
        }
    }
    let service_of: HashMap<ComponentId, &str> =
        project.components.iter().map(|c| (c.id, c.service.as_str())).collect();
    let mut ev = Evidence { stats: Stats { files: files.len(), ..Default::default() }, ..Default::default() };
    for f in files {
        ev.files.push(FileSummary {
            file: f.name.clone(),
            source: f.source,
            findings: f.findings.len(),
            skipped: f.skipped.clone(),
            duplicates: f.duplicates,
        });
        for finding in &f.findings {
            ev.stats.total += 1;
            let Some(items) = by_check.get(&*finding.check) else {
                ev.stats.unmatched += 1;
                if ev.unmatched.len() < MAX_LISTED {
                    ev.unmatched.push((finding.check.clone(), finding.resource.clone()));
                }
                continue;
            };
            ev.stats.matched += 1;
            let named = by_source
                .get(&*finding.resource)
                .copied()
                .or_else(|| by_token.get(&*finding.resource).copied().flatten())
                .or_else(|| by_token.get(finding.name()).copied().flatten());
            for &i in items {
                let item = &checklist.items[i];
                let component = named.or_else(|| {
                    // The one component of the to-do's service that the item covers.
                    let svc = item.todo.id.split('.').next().unwrap_or("");
                    let mut of_service = item.components().filter(|c| service_of.get(c) == Some(&svc));
                    match (of_service.next(), of_service.next()) {
                        (Some(only), None) => Some(only),
                        _ => None,
                    }
                });
                let e = ev.by_todo.entry(item.todo.id.clone()).or_default();
                match finding.status {
                    Status::Passed => e.passed += 1,
                    Status::Failed => e.failed += 1,
                    Status::Accepted => e.accepted += 1,
                }
                e.resources.push(ResourceResult {
                    id: finding.resource.clone(),
                    status: finding.status,
                    component: component.map(|c| c.0),
                    check: finding.check.clone(),
                });
            }
        }
    }
    for e in ev.by_todo.values_mut() {
        e.resources.sort_by(|a, b| {
            (b.status == Status::Failed).cmp(&(a.status == Status::Failed)).then(a.id.cmp(&b.id))
        });
    }
    ev
}
