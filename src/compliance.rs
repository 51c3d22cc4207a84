//! Compliance views of a checklist: for one framework version, the requirements the design's
//! to-dos address (each with its items, components, status and who is responsible) and the
//! requirements no to-do addresses; and the customer responsibility matrix built from them.
//! Pure functions of catalog + checklist + stacks; the exports and the app only show them.

use crate::catalog::Catalog;
use crate::catalog::compliance::{FrameworkVersion, RequirementDef};
use crate::checklist::{Checklist, Item, Subject};
use crate::project::ComponentId;
use crate::responsibility::ComponentStack;
use crate::vocab::{AwsPart, Layer, Owner, Status};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Finds a framework version by its id (`pci-dss-4.0.1`) or by its programme's id (`pci-dss`,
/// the newest version the catalog has of it).
pub fn find_version<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c FrameworkVersion, String> {
    if let Some(v) = catalog.framework_version(id) {
        return Ok(v);
    }
    let by_programme =
        catalog.framework_versions().iter().rev().find(|v| v.programme.is_some_and(|p| p.id() == id));
    by_programme.ok_or_else(|| {
        let known: Vec<&str> = catalog.framework_versions().iter().map(|v| v.id.as_str()).collect();
        format!("no framework version `{id}` in the catalog (known: {})", known.join(", "))
    })
}

/// Who looks after a requirement in this design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Responsibility {
    /// Every layer the requirement's items look after is the customer's alone.
    Customer,
    /// AWS does part of it (a shared layer of some component), the customer the rest.
    Shared,
}

impl Responsibility {
    /// The word used in the exports.
    pub fn id(self) -> &'static str {
        match self {
            Responsibility::Customer => "customer",
            Responsibility::Shared => "shared",
        }
    }
}

/// One requirement the design's to-dos address.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementRow {
    /// Requirement id (`SC-28`).
    pub id: String,
    /// Its title, when the framework version lists it.
    pub title: String,
    /// Indices into the checklist's items that address it, in checklist order.
    pub items: Vec<usize>,
    /// The Security Hub controls (or scanner checks) of those items that map to it.
    pub via: Vec<String>,
    /// The components those items cover.
    pub components: Vec<ComponentId>,
    /// Done when every applicable item is done; open when none is started.
    pub status: Status,
    /// Customer alone, or shared with AWS.
    pub responsibility: Responsibility,
    /// What AWS provides towards it: `layer: note` of each shared layer involved, once each.
    pub aws_provides: Vec<String>,
}

/// A framework version seen through a checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkView<'c> {
    /// The framework version.
    pub version: &'c FrameworkVersion,
    /// The requirements addressed, in the framework's order (ids it does not list come last).
    pub rows: Vec<RequirementRow>,
    /// The framework's requirements no item of this design addresses.
    pub not_addressed: Vec<&'c RequirementDef>,
}

impl FrameworkView<'_> {
    /// Does any row list this item?
    pub fn addresses_item(&self, index: usize) -> bool {
        self.rows.iter().any(|r| r.items.contains(&index))
    }

    /// The requirement ids each item of `checklist` (the one the view was built over)
    /// addresses, in framework order, by to-do id: what the Markdown and CSV write per item.
    pub fn requirements_by_todo<'a>(&'a self, checklist: &'a Checklist) -> HashMap<&'a str, Vec<&'a str>> {
        let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
        for row in &self.rows {
            for &i in &row.items {
                m.entry(checklist.items[i].todo.id.as_str()).or_default().push(row.id.as_str());
            }
        }
        m
    }
}

fn sort_dedup(v: &mut Vec<ComponentId>) {
    v.sort_unstable();
    v.dedup();
}

/// Builds the view of one framework version over a checklist; `stacks` gives each component's
/// resolved stack (for who is responsible and what AWS provides).
pub fn view<'c>(
    catalog: &'c Catalog,
    version: &'c FrameworkVersion,
    checklist: &Checklist,
    stacks: &[(&crate::project::Component, Option<ComponentStack<'_>>)],
) -> FrameworkView<'c> {
    let by_id: HashMap<ComponentId, &ComponentStack<'_>> =
        stacks.iter().filter_map(|(c, s)| s.as_ref().map(|s| (c.id, s))).collect();
    let vpc = crate::responsibility::resolve_boundary(catalog);
    struct Acc {
        items: Vec<usize>,
        via: BTreeSet<String>,
        /// The components, sorted and without repeats up to `sorted`, appended after it (a
        /// vector: a large project's requirement covers most of its components).
        components: Vec<ComponentId>,
        sorted: usize,
        shared: BTreeSet<String>,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for (index, item) in checklist.items.iter().enumerate() {
        let reqs = catalog.todo_requirements(&item.todo);
        let Some(mine) = reqs.get(&version.id) else { continue };
        let shared = shared_parts(item, &by_id, vpc.map(|(_, v)| v));
        for (req, sources) in mine {
            let a = acc.entry(req.clone()).or_insert_with(|| Acc {
                items: Vec::new(),
                via: BTreeSet::new(),
                components: Vec::new(),
                sorted: 0,
                shared: BTreeSet::new(),
            });
            a.items.push(index);
            for s in sources {
                match s {
                    crate::catalog::compliance::RequirementSource::Control(c)
                    | crate::catalog::compliance::RequirementSource::Check(c) => {
                        a.via.insert(c.clone());
                    }
                    crate::catalog::compliance::RequirementSource::Todo => {}
                }
            }
            a.components.extend(item.components());
            // Repeats removed whenever the list has doubled: memory stays within twice the
            // distinct components, and each one is sorted a bounded number of times.
            if a.components.len() > 2 * a.sorted.max(512) {
                sort_dedup(&mut a.components);
                a.sorted = a.components.len();
            }
            a.shared.extend(shared.iter().cloned());
        }
    }
    let order: HashMap<&str, usize> =
        version.requirements.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut rows: Vec<RequirementRow> = acc
        .into_iter()
        .map(|(id, mut a)| {
            sort_dedup(&mut a.components);
            let statuses: Vec<Status> = a
                .items
                .iter()
                .map(|&i| checklist.items[i].state.status)
                .filter(|s| *s != Status::NotApplicable)
                .collect();
            let status = if statuses.is_empty() {
                Status::NotApplicable
            } else if statuses.iter().all(|s| *s == Status::Done) {
                Status::Done
            } else if statuses.iter().any(|s| matches!(s, Status::Done | Status::InProgress)) {
                Status::InProgress
            } else {
                Status::Open
            };
            let title =
                order.get(id.as_str()).map(|&i| version.requirements[i].title.clone()).unwrap_or_default();
            RequirementRow {
                title,
                items: a.items,
                via: a.via.into_iter().collect(),
                components: a.components,
                status,
                responsibility: if a.shared.is_empty() {
                    Responsibility::Customer
                } else {
                    Responsibility::Shared
                },
                aws_provides: a.shared.into_iter().collect(),
                id,
            }
        })
        .collect();
    rows.sort_by_key(|r| (order.get(r.id.as_str()).copied().unwrap_or(usize::MAX), r.id.clone()));
    let addressed: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let not_addressed = version.requirements.iter().filter(|r| !addressed.contains(r.id.as_str())).collect();
    FrameworkView { version, rows, not_addressed }
}

/// The shared layers an item looks after on the subjects it covers, as `Layer: AWS's part`.
fn shared_parts(
    item: &Item,
    by_id: &HashMap<ComponentId, &ComponentStack<'_>>,
    vpc: Option<&crate::catalog::Variant>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |layer: Layer, stack: &crate::catalog::Stack| {
        let e = stack.get(layer);
        if e.owner == Owner::Shared || e.owner == Owner::Aws {
            let when = match e.aws_part {
                Some(AwsPart::OptIn) => " (once switched on)",
                _ => "",
            };
            out.insert(format!("{}{when}: {}", layer.title(), e.note));
        }
    };
    for c in &item.covers {
        let stack = match c.subject {
            Subject::Component(id) => by_id.get(&id).map(|s| s.stack()),
            // A boundary's stack is the `vpc` service's, for that service's items only (account
            // baseline items cover account boxes, which have no stack).
            Subject::Boundary(_) => match &item.scope {
                crate::checklist::Scope::Service { id, .. } if id == crate::responsibility::VPC_SERVICE => {
                    vpc.map(|v| &v.layers)
                }
                _ => None,
            },
        };
        if let Some(stack) = stack {
            for &l in &item.todo.layers {
                add(l, stack);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_framework_names_the_known_ones() {
        let err = find_version(Catalog::builtin(), "sox-2002").unwrap_err();
        assert!(err.contains("no framework version `sox-2002`"), "{err}");
    }
}
