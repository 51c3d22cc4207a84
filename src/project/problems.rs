//! Checks of a loaded project against itself and the catalog: what `validate` reports.

use super::{ComponentId, Project};
use crate::catalog::Catalog;
use std::collections::HashSet;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The project still works; the user should know.
    Warning,
    /// The project is inconsistent.
    Error,
}

/// One thing wrong with a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Warning or error.
    pub severity: Severity,
    /// The component concerned, if one.
    pub component: Option<ComponentId>,
    /// What is wrong.
    pub message: String,
    /// Where in the file (line, column), when the problem was found while loading it.
    pub position: Option<(usize, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", self.message)
    }
}

/// Every problem in the project, in component order.
pub fn check(project: &Project, catalog: &Catalog) -> Vec<Problem> {
    let mut out = Vec::new();
    let (ids, duplicates) = project.sorted_ids();
    let mut seen = HashSet::new();
    for c in &project.components {
        let who = || if c.label.is_empty() { c.id.to_string() } else { format!("{} ({})", c.label, c.id) };
        let mut push = |severity, message: String| {
            out.push(Problem { severity, component: Some(c.id), message, position: None })
        };
        if duplicates && !seen.insert(c.id) {
            push(Severity::Error, format!("component id {} is used by more than one component", c.id));
        }
        if !c.position.x.is_finite() || !c.position.y.is_finite() {
            push(Severity::Error, format!("{} has a position that is not a finite number", who()));
        }
        match catalog.service(&c.service) {
            None => push(
                Severity::Warning,
                format!(
                    "{} uses service `{}`, which the catalog does not know; it is kept as is but has no stack",
                    who(),
                    c.service
                ),
            ),
            Some(svc) => {
                if let Some(v) = &c.variant
                    && svc.variant(Some(v)).is_none()
                {
                    let known: Vec<&str> = svc.variants.iter().map(|v| v.id.as_str()).collect();
                    push(
                        Severity::Warning,
                        format!(
                            "{}: {} has no variant `{v}` (known: {}); the default is used",
                            who(),
                            svc.name,
                            known.join(", ")
                        ),
                    );
                }
            }
        }
    }
    for (i, k) in project.connections.iter().enumerate() {
        for end in [k.from, k.to] {
            if ids.binary_search(&end).is_err() {
                out.push(Problem {
                    severity: Severity::Error,
                    component: None,
                    message: format!("connection #{} refers to missing component {end}", i + 1),
                    position: None,
                });
            }
        }
    }
    for b in &project.boundaries {
        if b.kind().is_none() {
            out.push(Problem {
                severity: Severity::Warning,
                component: None,
                message: format!(
                    "boundary `{}` ({}) has kind `{}`, which this version does not know (known: {}); \
                     it is drawn as a plain box and saved back unchanged",
                    b.display_name(),
                    b.id,
                    b.kind,
                    crate::vocab::BoundaryKind::IDS.join(", ")
                ),
                position: None,
            });
        }
    }
    for fw in &project.compliance {
        let Some(def) = catalog.framework(*fw) else { continue };
        // Engines and features AWS leaves out of an in-scope service.
        for x in &def.exclusions {
            for c in project.components.iter().filter(|c| c.service == x.service) {
                let Some(svc) = catalog.service(&c.service) else { continue };
                let variant = svc.variant(c.variant.as_deref()).or_else(|| svc.variant(None));
                let hit = x.variants.is_empty() || variant.is_some_and(|v| x.variants.contains(&v.id));
                if !hit {
                    continue;
                }
                let what = match variant.filter(|_| !x.variants.is_empty()) {
                    Some(v) => format!("{} ({})", svc.name, v.name),
                    None => svc.name.clone(),
                };
                out.push(Problem {
                    severity: Severity::Warning,
                    component: Some(c.id),
                    message: format!(
                        "{}: {what} under {}: {}",
                        if c.label.is_empty() { c.id.to_string() } else { c.label.clone() },
                        def.name,
                        x.note
                    ),
                    position: None,
                });
            }
        }
        let Some(scope) = &def.in_scope else { continue };
        for c in &project.components {
            if catalog.service(&c.service).is_some() && !scope.iter().any(|s| s == &c.service) {
                let name = catalog.service(&c.service).map_or(c.service.as_str(), |s| s.name.as_str());
                out.push(Problem {
                    severity: Severity::Warning,
                    component: Some(c.id),
                    message: format!(
                        "{} uses {name}, which is not on the {} in-scope list the catalog carries ({}); \
                         check AWS's current list before relying on it",
                        if c.label.is_empty() { c.id.to_string() } else { c.label.clone() },
                        def.name,
                        if def.scope_as_of.is_empty() { "undated" } else { def.scope_as_of.as_str() }
                    ),
                    position: None,
                });
            }
        }
    }
    out
}
