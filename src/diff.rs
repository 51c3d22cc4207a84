//! The responsibility diff (design.md "Diff"): what changes between two versions of a project —
//! components added, removed and changed (service, variant, attributes, boundary), the layers
//! whose owner moves and which way, connections added and removed, to-dos that appear and go —
//! with the counts a reviewer weighs, as JSON or as Markdown for a pull-request comment.
//! Components are matched by id, then by `source`.

use crate::catalog::Catalog;
use crate::checklist::{self, Checklist};
use crate::project::{Component, ComponentId, Project};
use crate::responsibility::resolve;
use crate::vocab::{Layer, Owner, Priority, Status};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A component, as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentRef {
    /// Its id (in the version it is in).
    pub id: u64,
    /// Its label.
    pub label: String,
    /// Its service.
    pub service: String,
}

/// One layer whose owner moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerMove {
    /// The layer.
    pub layer: Layer,
    /// Who owned it.
    pub from: Owner,
    /// Who owns it now.
    pub to: Owner,
}

/// One attribute that changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeChange {
    /// `internet_facing`, `data`, `label`, `boundary`.
    pub name: &'static str,
    /// Before.
    pub from: serde_json::Value,
    /// After.
    pub to: serde_json::Value,
}

/// A component in both versions that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    /// Its id in the new version.
    pub id: u64,
    /// Its label in the new version.
    pub label: String,
    /// Service before and after.
    pub service: [String; 2],
    /// Variant before and after.
    pub variant: [Option<String>; 2],
    /// Layers whose owner moves.
    pub layers: Vec<LayerMove>,
    /// Attributes that change.
    pub attributes: Vec<AttributeChange>,
}

/// Components added, removed and changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Components {
    /// In the new version only.
    pub added: Vec<ComponentRef>,
    /// In the old version only.
    pub removed: Vec<ComponentRef>,
    /// In both, different.
    pub changed: Vec<Changed>,
}

/// A to-do that appears or goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodoRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its priority.
    pub priority: Priority,
    /// The components it covers (ids of the version it is in).
    pub components: Vec<u64>,
}

/// To-dos added and removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Todos {
    /// New duties.
    pub added: Vec<TodoRef>,
    /// Duties that go.
    pub removed: Vec<TodoRef>,
}

/// A connection, by the labels of its ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionRef {
    /// Where it starts.
    pub from: String,
    /// Where it arrives.
    pub to: String,
    /// Its label.
    pub label: String,
    /// Encrypted in transit.
    pub encrypted: bool,
}

/// Connections added and removed (a connection whose encryption changes is both).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Connections {
    /// New.
    pub added: Vec<ConnectionRef>,
    /// Gone.
    pub removed: Vec<ConnectionRef>,
}

/// Before and after counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Layers the customer owns, over all components.
    pub customer_layers: [usize; 2],
    /// Checklist items.
    pub todos: [usize; 2],
    /// Critical items not done.
    pub critical_open: [usize; 2],
}

/// The whole diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Components.
    pub components: Components,
    /// Connections.
    pub connections: Connections,
    /// To-dos.
    pub todos: Todos,
    /// Counts.
    pub summary: Summary,
}

fn customer_layers(catalog: &Catalog, p: &Project) -> usize {
    p.components
        .iter()
        .filter_map(|c| resolve(catalog, c))
        .map(|s| s.stack().owner_counts()[Owner::Customer as usize])
        .sum()
}

fn critical_open(list: &Checklist) -> usize {
    list.items
        .iter()
        .filter(|i| i.todo.priority == Priority::Critical && i.state.status != Status::Done)
        .count()
}

fn reference(c: &Component) -> ComponentRef {
    ComponentRef { id: c.id.0, label: c.label.clone(), service: c.service.clone() }
}

/// Pairs old components with new ones: by id (unless both name different sources), then by
/// `source`.
fn pairs(old: &Project, new: &Project) -> HashMap<ComponentId, ComponentId> {
    let mut out: HashMap<ComponentId, ComponentId> = HashMap::new();
    let mut taken: HashSet<ComponentId> = HashSet::new();
    let old_by_id: HashMap<ComponentId, &Component> = old.components.iter().map(|c| (c.id, c)).collect();
    for n in &new.components {
        if let Some(o) = old_by_id.get(&n.id) {
            let clash = matches!((&o.source, &n.source), (Some(a), Some(b)) if a != b);
            if !clash {
                out.insert(n.id, o.id);
                taken.insert(o.id);
            }
        }
    }
    let old_by_source: HashMap<&str, ComponentId> =
        old.components.iter().filter_map(|c| c.source.as_deref().map(|s| (s, c.id))).collect();
    for n in &new.components {
        if out.contains_key(&n.id) {
            continue;
        }
        if let Some(&o) = n.source.as_deref().and_then(|s| old_by_source.get(s))
            && taken.insert(o)
        {
            out.insert(n.id, o);
        }
    }
    out
}

fn boundary_name(p: &Project, c: &Component) -> serde_json::Value {
    match c.boundary.and_then(|b| p.boundary(b)) {
        Some(b) => serde_json::Value::String(format!("{} ({})", b.display_name(), b.kind)),
        None => serde_json::Value::Null,
    }
}

/// Compares two versions of a project.
pub fn diff(catalog: &Catalog, old: &Project, new: &Project) -> Diff {
    let matched = pairs(old, new);
    let old_matched: HashSet<ComponentId> = matched.values().copied().collect();
    let old_by_id: HashMap<ComponentId, &Component> = old.components.iter().map(|c| (c.id, c)).collect();
    let mut d = Diff::default();
    for n in &new.components {
        let Some(o) = matched.get(&n.id).and_then(|id| old_by_id.get(id)) else {
            d.components.added.push(reference(n));
            continue;
        };
        let mut layers = Vec::new();
        if let (Some(a), Some(b)) = (resolve(catalog, o), resolve(catalog, n)) {
            for &l in Layer::ALL.iter() {
                let (from, to) = (a.owner(l), b.owner(l));
                if from != to {
                    layers.push(LayerMove { layer: l, from, to });
                }
            }
        }
        let mut attributes = Vec::new();
        if o.internet_facing != n.internet_facing {
            attributes.push(AttributeChange {
                name: "internet_facing",
                from: o.internet_facing.into(),
                to: n.internet_facing.into(),
            });
        }
        if o.data != n.data {
            attributes.push(AttributeChange {
                name: "data",
                from: o.data.to_string().into(),
                to: n.data.to_string().into(),
            });
        }
        let (ob, nb) = (boundary_name(old, o), boundary_name(new, n));
        if ob != nb {
            attributes.push(AttributeChange { name: "boundary", from: ob, to: nb });
        }
        if o.label != n.label {
            attributes.push(AttributeChange {
                name: "label",
                from: o.label.clone().into(),
                to: n.label.clone().into(),
            });
        }
        let (ov, nv) = (
            resolve(catalog, o).and_then(|s| s.variant_id()).map(str::to_string),
            resolve(catalog, n).and_then(|s| s.variant_id()).map(str::to_string),
        );
        let (ov, nv) = (ov.or_else(|| o.variant.clone()), nv.or_else(|| n.variant.clone()));
        if o.service != n.service || ov != nv || !layers.is_empty() || !attributes.is_empty() {
            d.components.changed.push(Changed {
                id: n.id.0,
                label: n.label.clone(),
                service: [o.service.clone(), n.service.clone()],
                variant: [ov, nv],
                layers,
                attributes,
            });
        }
    }
    for o in &old.components {
        if !old_matched.contains(&o.id) {
            d.components.removed.push(reference(o));
        }
    }
    // Connections, by the components they join (in old ids), label and encryption.
    let to_old: HashMap<ComponentId, ComponentId> = matched.iter().map(|(n, o)| (*n, *o)).collect();
    let label = |p: &Project, id: ComponentId| {
        p.component(id).map_or_else(|| id.to_string(), |c| c.display_name(None))
    };
    let key =
        |from: Option<ComponentId>, to: Option<ComponentId>, l: &str, e: bool| (from, to, l.to_string(), e);
    let old_keys: HashSet<_> =
        old.connections.iter().map(|k| key(Some(k.from), Some(k.to), &k.label, k.encrypted)).collect();
    let new_keys: HashSet<_> = new
        .connections
        .iter()
        .map(|k| key(to_old.get(&k.from).copied(), to_old.get(&k.to).copied(), &k.label, k.encrypted))
        .collect();
    for k in &new.connections {
        if !old_keys.contains(&key(
            to_old.get(&k.from).copied(),
            to_old.get(&k.to).copied(),
            &k.label,
            k.encrypted,
        )) {
            d.connections.added.push(ConnectionRef {
                from: label(new, k.from),
                to: label(new, k.to),
                label: k.label.clone(),
                encrypted: k.encrypted,
            });
        }
    }
    for k in &old.connections {
        if !new_keys.contains(&key(Some(k.from), Some(k.to), &k.label, k.encrypted)) {
            d.connections.removed.push(ConnectionRef {
                from: label(old, k.from),
                to: label(old, k.to),
                label: k.label.clone(),
                encrypted: k.encrypted,
            });
        }
    }
    // To-dos: the two checklists (the costly part) are built side by side.
    let ((a, ca), (b, cb)) = std::thread::scope(|s| {
        let other = s.spawn(|| (checklist::build(catalog, old), customer_layers(catalog, old)));
        let mine = (checklist::build(catalog, new), customer_layers(catalog, new));
        (other.join().expect("the old checklist builds"), mine)
    });
    let ids = |l: &Checklist| -> BTreeMap<String, usize> {
        l.items.iter().enumerate().map(|(i, x)| (x.todo.id.clone(), i)).collect()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    let todo_ref = |l: &Checklist, i: usize| {
        let x = &l.items[i];
        TodoRef {
            id: x.todo.id.clone(),
            title: x.todo.title.clone(),
            priority: x.todo.priority,
            components: x.components().map(|c| c.0).collect(),
        }
    };
    for (id, &i) in &ib {
        if !ia.contains_key(id) {
            d.todos.added.push(todo_ref(&b, i));
        }
    }
    for (id, &i) in &ia {
        if !ib.contains_key(id) {
            d.todos.removed.push(todo_ref(&a, i));
        }
    }
    for list in [&mut d.todos.added, &mut d.todos.removed] {
        list.sort_by(|x, y| x.priority.cmp(&y.priority).then(x.id.cmp(&y.id)));
    }
    d.summary = Summary {
        customer_layers: [ca, cb],
        todos: [a.items.len(), b.items.len()],
        critical_open: [critical_open(&a), critical_open(&b)],
    };
    d
}

impl Diff {
    /// Layer moves toward AWS and toward the customer, over all changed components: a layer
    /// the customer owned that AWS now owns or shares moves to AWS, and the other way round.
    pub fn moves(&self) -> (usize, usize) {
        let all = self.components.changed.iter().flat_map(|c| &c.layers);
        let to_aws = all
            .clone()
            .filter(|m| m.to == Owner::Aws || (m.to == Owner::Shared && m.from == Owner::Customer))
            .count();
        let to_customer = all
            .filter(|m| m.to == Owner::Customer || (m.to == Owner::Shared && m.from == Owner::Aws))
            .count();
        (to_aws, to_customer)
    }

    /// New critical duties.
    pub fn new_critical(&self) -> usize {
        self.todos.added.iter().filter(|t| t.priority == Priority::Critical).count()
    }

    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.components.added.is_empty()
            && self.components.removed.is_empty()
            && self.components.changed.is_empty()
            && self.connections.added.is_empty()
            && self.connections.removed.is_empty()
            && self.todos.added.is_empty()
            && self.todos.removed.is_empty()
    }

    /// The short headline a pull-request comment opens with ("2 layers move to AWS, 3 new
    /// customer duties, 1 critical").
    pub fn headline(&self) -> String {
        if self.is_empty() {
            return "No change in who secures what".into();
        }
        let (to_aws, to_customer) = self.moves();
        let mut parts = Vec::new();
        let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        if to_aws > 0 {
            parts.push(n(to_aws, "layer moves to AWS", "layers move to AWS"));
        }
        if to_customer > 0 {
            parts.push(n(to_customer, "layer moves to you", "layers move to you"));
        }
        if !self.todos.added.is_empty() {
            parts.push(n(self.todos.added.len(), "new customer duty", "new customer duties"));
            if self.new_critical() > 0 {
                parts.push(format!("{} critical", self.new_critical()));
            }
        }
        if !self.todos.removed.is_empty() {
            parts.push(format!("{} gone", n(self.todos.removed.len(), "duty", "duties")));
        }
        if parts.is_empty() {
            let c = &self.components;
            parts.push(format!(
                "{} added, {} removed, {} changed",
                n(c.added.len(), "component", "components"),
                c.removed.len(),
                c.changed.len()
            ));
        }
        parts.join(", ")
    }

    /// The diff as Markdown for a pull-request comment: the headline, then what changed.
    pub fn to_markdown(&self) -> String {
        use crate::export::markdown_text as md;
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "### Responsibility diff: {}\n", md(&self.headline()));
        let s = &self.summary;
        let _ = writeln!(out, "| | before | after |\n| --- | ---: | ---: |");
        let _ = writeln!(out, "| Layers you own | {} | {} |", s.customer_layers[0], s.customer_layers[1]);
        let _ = writeln!(out, "| Checklist items | {} | {} |", s.todos[0], s.todos[1]);
        let _ = writeln!(out, "| Critical items open | {} | {} |\n", s.critical_open[0], s.critical_open[1]);
        let c = &self.components;
        if !c.added.is_empty() || !c.removed.is_empty() || !c.changed.is_empty() {
            let _ = writeln!(out, "**Components**\n");
            for a in &c.added {
                let _ = writeln!(out, "- added: {} ({})", md(&a.label), md(&a.service));
            }
            for r in &c.removed {
                let _ = writeln!(out, "- removed: {} ({})", md(&r.label), md(&r.service));
            }
            for ch in &c.changed {
                let what = if ch.service[0] != ch.service[1] || ch.variant[0] != ch.variant[1] {
                    let show = |s: &str, v: &Option<String>| match v {
                        Some(v) => format!("{s}/{v}"),
                        None => s.to_string(),
                    };
                    format!(
                        ": {} → {}",
                        md(&show(&ch.service[0], &ch.variant[0])),
                        md(&show(&ch.service[1], &ch.variant[1]))
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(out, "- changed: {}{what}", md(&ch.label));
                for m in &ch.layers {
                    let _ = writeln!(out, "  - {}: {} → {}", m.layer, m.from, m.to);
                }
                for at in &ch.attributes {
                    let _ = writeln!(
                        out,
                        "  - {}: {} → {}",
                        at.name,
                        md(&at.from.to_string()),
                        md(&at.to.to_string())
                    );
                }
            }
            out.push('\n');
        }
        let k = &self.connections;
        if !k.added.is_empty() || !k.removed.is_empty() {
            let _ = writeln!(out, "**Connections**\n");
            let enc = |e: bool| if e { "encrypted" } else { "unencrypted" };
            for x in &k.added {
                let _ = writeln!(
                    out,
                    "- added: {} → {} {} ({})",
                    md(&x.from),
                    md(&x.to),
                    md(&x.label),
                    enc(x.encrypted)
                );
            }
            for x in &k.removed {
                let _ = writeln!(
                    out,
                    "- removed: {} → {} {} ({})",
                    md(&x.from),
                    md(&x.to),
                    md(&x.label),
                    enc(x.encrypted)
                );
            }
            out.push('\n');
        }
        if !self.todos.added.is_empty() || !self.todos.removed.is_empty() {
            let _ = writeln!(out, "**Customer duties**\n");
            for t in &self.todos.added {
                let _ = writeln!(out, "- new ({}): {} `{}`", t.priority, md(&t.title), t.id);
            }
            for t in &self.todos.removed {
                let _ = writeln!(out, "- gone ({}): {} `{}`", t.priority, md(&t.title), t.id);
            }
        }
        out
    }
}
