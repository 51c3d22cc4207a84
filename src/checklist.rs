//! The consolidated customer checklist: the account baseline, compliance duties and every
//! component's applicable to-dos, merged by id, grouped by domain and ordered by priority.

use crate::catalog::{Catalog, Todo};
use crate::project::{ComponentId, Project, TodoState};
use crate::responsibility::resolve;
use crate::vocab::{Condition, DataClass, Domain, Framework, Status};
use std::collections::HashMap;

/// Where an item comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// The account baseline: applies to every non-empty project.
    Account,
    /// A compliance programme chosen for the project.
    Framework(Framework),
    /// A service's to-do, for the components using it.
    Service {
        /// Catalog service id.
        id: String,
        /// Service name.
        name: String,
    },
}

/// One component an item covers, and why it applies to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The component.
    pub component: ComponentId,
    /// Its label (or service name when unlabelled).
    pub label: String,
    /// Why the to-do applies to it.
    pub reason: String,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The catalog to-do.
    pub todo: Todo,
    /// Where it comes from.
    pub scope: Scope,
    /// Why it is on the list, in one sentence.
    pub why: String,
    /// The components it covers (empty for account and compliance items).
    pub covers: Vec<Coverage>,
    /// The team's progress, from the project.
    pub state: TodoState,
}

impl Item {
    /// The to-do id.
    pub fn id(&self) -> &str {
        &self.todo.id
    }

    /// Does the item cover this component?
    pub fn covers_component(&self, id: ComponentId) -> bool {
        self.covers.iter().any(|c| c.component == id)
    }
}

/// The whole checklist, in display order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checklist {
    /// Items grouped by domain (in [`Domain::ALL`] order), then by priority, scope and id.
    pub items: Vec<Item>,
}

impl Checklist {
    /// The items of each domain that has any, in order.
    pub fn by_domain(&self) -> Vec<(Domain, &[Item])> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.items.len() {
            let d = self.items[start].todo.domain;
            let end = start + self.items[start..].iter().take_while(|i| i.todo.domain == d).count();
            out.push((d, &self.items[start..end]));
            start = end;
        }
        out
    }

    /// `(done, total)` where total leaves out items marked not applicable.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.items.iter().filter(|i| i.state.status != Status::NotApplicable).count();
        let done = self.items.iter().filter(|i| i.state.status == Status::Done).count();
        (done, total)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.todo.id == id)
    }
}

/// What the engine knows about a component's place in the graph.
#[derive(Default)]
struct Links {
    /// Internet-facing components that send traffic to it (index into components).
    from_internet: Vec<usize>,
    /// Internet-facing components that reach it unencrypted.
    unencrypted_from_internet: Vec<usize>,
    /// Components it shares an unencrypted connection with.
    unencrypted: Vec<usize>,
    /// Number of connections touching it.
    degree: usize,
}

fn links(project: &Project) -> Vec<Links> {
    let index: HashMap<ComponentId, usize> =
        project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut out: Vec<Links> = project.components.iter().map(|_| Links::default()).collect();
    for k in &project.connections {
        let (Some(&f), Some(&t)) = (index.get(&k.from), index.get(&k.to)) else { continue };
        out[f].degree += 1;
        if f != t {
            out[t].degree += 1;
        }
        if project.components[f].internet_facing {
            out[t].from_internet.push(f);
            if !k.encrypted {
                out[t].unencrypted_from_internet.push(f);
            }
        }
        if !k.encrypted {
            out[f].unencrypted.push(t);
            out[t].unencrypted.push(f);
        }
    }
    out
}

/// Why `cond` holds for component `i`, or `None` when it does not.
fn reason(
    cond: Condition,
    i: usize,
    project: &Project,
    links: &[Links],
    names: &[String],
    services: &[&str],
) -> Option<String> {
    let c = &project.components[i];
    let l = &links[i];
    let list = |idx: &[usize]| {
        let mut v: Vec<&str> = idx.iter().map(|&j| names[j].as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v.join(", ")
    };
    match cond {
        Condition::Always => Some(format!("uses {}", services[i])),
        Condition::InternetFacing => c.internet_facing.then(|| "is internet-facing".into()),
        Condition::NotInternetFacing => (!c.internet_facing).then(|| "is not internet-facing".into()),
        Condition::InternetTraffic => {
            if c.internet_facing {
                Some("is internet-facing".into())
            } else if !l.from_internet.is_empty() {
                Some(format!("receives traffic from internet-facing {}", list(&l.from_internet)))
            } else {
                None
            }
        }
        Condition::ConfidentialData => match c.data {
            DataClass::Confidential => Some("holds confidential data".into()),
            DataClass::Regulated => Some("holds regulated data".into()),
            _ => None,
        },
        Condition::RegulatedData => (c.data == DataClass::Regulated).then(|| "holds regulated data".into()),
        Condition::UnencryptedFromInternet => (!l.unencrypted_from_internet.is_empty()).then(|| {
            format!(
                "is reached over an unencrypted connection from internet-facing {}",
                list(&l.unencrypted_from_internet)
            )
        }),
        Condition::UnencryptedConnection => (!l.unencrypted.is_empty())
            .then(|| format!("has an unencrypted connection with {}", list(&l.unencrypted))),
        Condition::HasConnections => (l.degree > 0).then(|| "is connected to other components".into()),
    }
}

/// "Applies to ..." for an item, from its condition and service name.
fn applies_to(cond: Condition, service: &str) -> String {
    let which = match cond {
        Condition::Always => return format!("Applies to every {service} component."),
        Condition::InternetFacing => "that are internet-facing",
        Condition::NotInternetFacing => "that are not internet-facing",
        Condition::InternetTraffic => "that receive traffic from the internet",
        Condition::ConfidentialData => "that hold confidential or regulated data",
        Condition::RegulatedData => "that hold regulated data",
        Condition::UnencryptedFromInternet => {
            "reached from an internet-facing component over an unencrypted connection"
        }
        Condition::UnencryptedConnection => "with an unencrypted connection",
        Condition::HasConnections => "connected to other components",
    };
    format!("Applies to {service} components {which}.")
}

/// Builds the consolidated checklist. Deterministic: the same catalog and project give the same
/// items in the same order.
pub fn build(catalog: &Catalog, project: &Project) -> Checklist {
    let mut items: Vec<Item> = Vec::new();
    if project.components.is_empty() {
        return Checklist { items };
    }
    let state = |id: &str| project.todos.get(id).cloned().unwrap_or_default();
    for t in catalog.account_todos() {
        items.push(Item {
            todo: t.clone(),
            scope: Scope::Account,
            why: "Account baseline: every AWS account that runs this architecture needs it.".into(),
            covers: Vec::new(),
            state: state(&t.id),
        });
    }
    for fw in &project.compliance {
        if let Some(def) = catalog.framework(*fw) {
            for t in &def.todos {
                items.push(Item {
                    todo: t.clone(),
                    scope: Scope::Framework(*fw),
                    why: format!("The project is in scope for {}.", def.name),
                    covers: Vec::new(),
                    state: state(&t.id),
                });
            }
        }
    }

    let links = links(project);
    let resolved: Vec<_> = project.components.iter().map(|c| resolve(catalog, c)).collect();
    let names: Vec<String> = project
        .components
        .iter()
        .zip(&resolved)
        .map(|(c, r)| c.display_name(r.map(|r| r.service.name.as_str())))
        .collect();
    let services: Vec<&str> = resolved.iter().map(|r| r.map_or("", |r| r.service.name.as_str())).collect();
    // Keyed by the to-do's address in the catalog: the same to-do from several components merges.
    let mut by_todo: HashMap<*const Todo, usize> = HashMap::new();
    for (i, r) in resolved.iter().enumerate() {
        let Some(r) = r else { continue };
        for t in &r.service.todos {
            if !t.applies_to_variant(&r.variant.id) {
                continue;
            }
            let Some(why) = reason(t.condition, i, project, &links, &names, &services) else { continue };
            let cov = Coverage { component: project.components[i].id, label: names[i].clone(), reason: why };
            match by_todo.get(&std::ptr::from_ref(t)) {
                Some(&k) => items[k].covers.push(cov),
                None => {
                    by_todo.insert(std::ptr::from_ref(t), items.len());
                    items.push(Item {
                        todo: t.clone(),
                        scope: Scope::Service { id: r.service.id.clone(), name: r.service.name.clone() },
                        why: applies_to(t.condition, &r.service.name),
                        covers: vec![cov],
                        state: state(&t.id),
                    });
                }
            }
        }
    }
    items.sort_by(|a, b| {
        (a.todo.domain, a.todo.priority, &a.scope, &a.todo.id).cmp(&(
            b.todo.domain,
            b.todo.priority,
            &b.scope,
            &b.todo.id,
        ))
    });
    Checklist { items }
}
