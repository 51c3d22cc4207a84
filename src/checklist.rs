//! The consolidated customer checklist: the account baseline, compliance duties, the
//! architecture's boundary and connection duties and every component's applicable to-dos,
//! merged by id, grouped by domain and ordered by priority.
//!
//! Subjects of service to-dos are the components and the `vpc` boundaries (a VPC drawn as a box
//! is an Amazon VPC, with the `vpc` service's to-dos). Account baseline items cover every
//! `account` boundary (a project with none is one account).

use crate::catalog::{Catalog, Todo};
use crate::project::{BoundaryId, ComponentId, Project, TodoState};
use crate::responsibility::{resolve, resolve_boundary};
use crate::vocab::{BoundaryKind, Condition, DataClass, Domain, Framework, Status};
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::sync::Arc;

/// Where an item comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// The account baseline: applies to every non-empty project.
    Account,
    /// A compliance programme chosen for the project.
    Framework(Framework),
    /// A duty that comes from the shape of the design (boundaries and connections), for any
    /// component whose place in it meets the to-do's condition.
    Architecture,
    /// A service's to-do, for the components using it.
    Service {
        /// Catalog service id.
        id: String,
        /// Service name.
        name: String,
    },
}

/// What an item covers: a component, or a boundary (an account for baseline items, a VPC box
/// for the `vpc` service's to-dos).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A placed component.
    Component(ComponentId),
    /// A boundary.
    Boundary(BoundaryId),
}

impl Subject {
    /// The component, when it is one.
    pub fn component(self) -> Option<ComponentId> {
        match self {
            Subject::Component(id) => Some(id),
            Subject::Boundary(_) => None,
        }
    }

    /// The boundary, when it is one.
    pub fn boundary(self) -> Option<BoundaryId> {
        match self {
            Subject::Boundary(id) => Some(id),
            Subject::Component(_) => None,
        }
    }
}

/// A string shared by many coverages, behind a thin pointer (one word, where `Arc<str>` takes
/// two): a coverage is 32 bytes, and a large project has millions.
pub type Shared = Arc<String>;

/// One component or boundary an item covers, and why it applies to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// What it covers.
    pub subject: Subject,
    /// Its label (or service name, or boundary kind, when unlabelled), shared by every item
    /// that covers it.
    pub label: Shared,
    /// Why the to-do applies to it (the same reasons are shared: a large project has millions
    /// of coverages and a few hundred distinct reasons).
    pub reason: Shared,
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
    /// What it covers: components, and boundaries (accounts for baseline items, VPC boxes);
    /// empty for compliance items and for the baseline of a project without account boundaries.
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
        self.covers.iter().any(|c| c.subject == Subject::Component(id))
    }

    /// The components it covers, in order.
    pub fn components(&self) -> impl Iterator<Item = ComponentId> + '_ {
        self.covers.iter().filter_map(|c| c.subject.component())
    }

    /// The boundaries it covers, in order.
    pub fn boundaries(&self) -> impl Iterator<Item = BoundaryId> + '_ {
        self.covers.iter().filter_map(|c| c.subject.boundary())
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

/// What the connections say about the subjects, as flat lists of (subject, other subject,
/// detail) sorted by subject: a project of 200,000 components carries one entry per fact, not
/// six vectors per subject. Indices are subject indices: components first, then VPC boundaries.
#[derive(Default)]
struct Links {
    /// Number of connections touching each subject.
    degree: Vec<u32>,
    /// Internet-facing subjects that send traffic to it.
    from_internet: Edges<()>,
    /// Internet-facing subjects that reach it unencrypted.
    unencrypted_from_internet: Edges<()>,
    /// Subjects it shares an unencrypted connection with.
    unencrypted: Edges<()>,
    /// Connections reaching it from outside its innermost zone: "into X" or "out of X" for the
    /// boundary crossed, and whether it is encrypted.
    crossings: Edges<(String, bool)>,
    /// Subjects in another account joined to it, with that account's label.
    cross_account: Edges<String>,
    /// Subjects on premises joined to it, with the site's label.
    on_premises: Edges<String>,
}

/// Facts about pairs of subjects, looked up by the first.
struct Edges<T>(Vec<(u32, u32, T)>);

impl<T> Default for Edges<T> {
    fn default() -> Self {
        Edges(Vec::new())
    }
}

impl<T> Edges<T> {
    fn push(&mut self, subject: usize, other: usize, detail: T) {
        self.0.push((subject as u32, other as u32, detail));
    }

    /// Sorts by subject, keeping the order of connections within one (stable).
    fn finish(&mut self) {
        self.0.sort_by_key(|e| e.0);
        self.0.shrink_to_fit();
    }

    /// The facts about one subject, in connection order.
    fn of(&self, subject: usize) -> &[(u32, u32, T)] {
        let s = subject as u32;
        let start = self.0.partition_point(|e| e.0 < s);
        let end = start + self.0[start..].partition_point(|e| e.0 == s);
        &self.0[start..end]
    }
}

/// Where a component sits: its innermost zone (account, VPC, on-premises or trust zone), its
/// account and its on-premises site, as boundary ids and labels.
#[derive(Default, Clone)]
struct Place {
    zone: Option<(BoundaryId, String)>,
    /// Every zone around it, innermost first.
    zones: Vec<(BoundaryId, String)>,
    account: Option<(BoundaryId, String)>,
    on_premises: Option<(BoundaryId, String)>,
    public_subnet: Option<String>,
    in_vpc: Vec<usize>,
}

/// The subjects: every component, then every VPC boundary (index, boundary id).
struct Subjects {
    vpcs: Vec<BoundaryId>,
}

/// Each component's place. A place depends only on the component's innermost boundary, so one
/// is made per boundary used, and components point at it.
struct Places {
    table: Vec<Place>,
    of: Vec<u32>,
}

impl Places {
    fn get(&self, component: usize) -> &Place {
        &self.table[self.of[component] as usize]
    }
}

fn places(project: &Project, vpc_index: &HashMap<BoundaryId, usize>) -> Places {
    let index = project.boundary_index();
    let mut table = Vec::new();
    let mut made: HashMap<Option<BoundaryId>, u32> = HashMap::new();
    let of = project
        .components
        .iter()
        .map(|c| {
            if let Some(&k) = made.get(&c.boundary) {
                return k;
            }
            let mut p = Place::default();
            for b in project.boundary_chain_indexed(&index, c.boundary) {
                let kind = b.kind();
                let named = || (b.id, b.display_name());
                if kind.is_some_and(BoundaryKind::is_zone) {
                    if p.zone.is_none() {
                        p.zone = Some(named());
                    }
                    p.zones.push(named());
                }
                match kind {
                    Some(BoundaryKind::Account) if p.account.is_none() => p.account = Some(named()),
                    Some(BoundaryKind::OnPremises) if p.on_premises.is_none() => {
                        p.on_premises = Some(named())
                    }
                    Some(BoundaryKind::PublicSubnet) if p.public_subnet.is_none() => {
                        p.public_subnet = Some(b.display_name())
                    }
                    Some(BoundaryKind::Vpc) => p.in_vpc.extend(vpc_index.get(&b.id)),
                    _ => {}
                }
            }
            let k = table.len() as u32;
            table.push(p);
            made.insert(c.boundary, k);
            k
        })
        .collect();
    Places { table, of }
}

fn links(project: &Project, subjects: &Subjects) -> (Links, Vec<bool>, Places) {
    let n = project.components.len();
    let index: HashMap<ComponentId, usize> =
        project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let vpc_index: HashMap<BoundaryId, usize> =
        subjects.vpcs.iter().enumerate().map(|(i, b)| (*b, n + i)).collect();
    let places = places(project, &vpc_index);
    let mut out = Links { degree: vec![0; n + subjects.vpcs.len()], ..Links::default() };
    // A VPC box is internet-facing when a component inside it is.
    let mut facing: Vec<bool> = project.components.iter().map(|c| c.internet_facing).collect();
    facing.resize(n + subjects.vpcs.len(), false);
    for i in 0..n {
        let p = places.get(i);
        if project.components[i].internet_facing {
            for &v in &p.in_vpc {
                facing[v] = true;
            }
        }
    }
    for k in &project.connections {
        let (Some(&f), Some(&t)) = (index.get(&k.from), index.get(&k.to)) else { continue };
        out.degree[f] += 1;
        if f != t {
            out.degree[t] += 1;
        }
        if facing[f] {
            out.from_internet.push(t, f, ());
            if !k.encrypted {
                out.unencrypted_from_internet.push(t, f, ());
            }
        }
        if !k.encrypted {
            out.unencrypted.push(f, t, ());
            out.unencrypted.push(t, f, ());
        }
        let (pf, pt) = (places.get(f), places.get(t));
        // Traffic into or out of a VPC box counts as the VPC's.
        for &v in pt.in_vpc.iter().filter(|v| !pf.in_vpc.contains(v)) {
            out.degree[v] += 1;
            if facing[f] {
                out.from_internet.push(v, f, ());
            }
            if !k.encrypted {
                out.unencrypted.push(v, f, ());
            }
        }
        for &v in pf.in_vpc.iter().filter(|v| !pt.in_vpc.contains(v)) {
            out.degree[v] += 1;
            if !k.encrypted {
                out.unencrypted.push(v, t, ());
            }
        }
        if pf.zone.as_ref().map(|z| z.0) != pt.zone.as_ref().map(|z| z.0) {
            // Name the boundary crossed: the innermost zone the traffic enters, else the one
            // it leaves.
            let has = |p: &Place, id: BoundaryId| p.zones.iter().any(|z| z.0 == id);
            let crossed = match pt.zones.iter().find(|z| !has(pf, z.0)) {
                Some(z) => format!("into {}", z.1),
                None => pf
                    .zones
                    .iter()
                    .find(|z| !has(pt, z.0))
                    .map_or_else(String::new, |z| format!("out of {}", z.1)),
            };
            out.crossings.push(t, f, (crossed, k.encrypted));
        }
        if let (Some(a), Some(b)) = (&pf.account, &pt.account)
            && a.0 != b.0
        {
            out.cross_account.push(t, f, a.1.clone());
            out.cross_account.push(f, t, b.1.clone());
        }
        match (&pf.on_premises, &pt.on_premises) {
            (Some(site), None) => out.on_premises.push(t, f, site.1.clone()),
            (None, Some(site)) => out.on_premises.push(f, t, site.1.clone()),
            _ => {}
        }
    }
    out.from_internet.finish();
    out.unencrypted_from_internet.finish();
    out.unencrypted.finish();
    out.crossings.finish();
    out.cross_account.finish();
    out.on_premises.finish();
    (out, facing, places)
}

/// Why `cond` holds for subject `i`, or `None` when it does not.
/// The fixed reasons are borrowed (the commonest case: no allocation).
fn reason(cond: Condition, i: usize, facts: &Facts) -> Option<Cow<'static, str>> {
    fn fixed(s: &'static str) -> Cow<'static, str> {
        Cow::Borrowed(s)
    }
    let l = &facts.links;
    let names = &facts.names;
    let list = |edges: &[(u32, u32, ())]| {
        let mut v: Vec<&str> = edges.iter().map(|e| names[e.1 as usize].as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v.join(", ")
    };
    let with_place = |pairs: &mut dyn Iterator<Item = (u32, &String)>| {
        let mut v: Vec<String> = pairs.map(|(j, b)| format!("{} ({b})", names[j as usize])).collect();
        v.sort_unstable();
        v.dedup();
        v.join(", ")
    };
    let data = facts.data[i];
    match cond {
        Condition::Always => Some(facts.always[i].to_string().into()),
        Condition::InternetFacing => facts.facing[i].then(|| fixed("is internet-facing")),
        Condition::NotInternetFacing => (!facts.facing[i]).then(|| fixed("is not internet-facing")),
        Condition::InternetTraffic => {
            if facts.facing[i] {
                Some(fixed("is internet-facing"))
            } else {
                let from = l.from_internet.of(i);
                (!from.is_empty())
                    .then(|| format!("receives traffic from internet-facing {}", list(from)).into())
            }
        }
        Condition::ConfidentialData => match data {
            DataClass::Confidential => Some(fixed("holds confidential data")),
            DataClass::Regulated => Some(fixed("holds regulated data")),
            _ => None,
        },
        Condition::RegulatedData => (data == DataClass::Regulated).then(|| fixed("holds regulated data")),
        Condition::UnencryptedFromInternet => {
            let from = l.unencrypted_from_internet.of(i);
            (!from.is_empty()).then(|| {
                format!("is reached over an unencrypted connection from internet-facing {}", list(from))
                    .into()
            })
        }
        Condition::UnencryptedConnection => {
            let with = l.unencrypted.of(i);
            (!with.is_empty()).then(|| format!("has an unencrypted connection with {}", list(with)).into())
        }
        Condition::HasConnections => (l.degree[i] > 0).then(|| fixed("is connected to other components")),
        Condition::InPublicSubnet => (i < facts.places.of.len())
            .then(|| facts.places.get(i).public_subnet.as_ref())
            .flatten()
            .map(|s| format!("sits in public subnet {s}").into()),
        Condition::CrossesBoundary => {
            let c = l.crossings.of(i);
            (!c.is_empty()).then(|| {
                format!(
                    "is reached across a boundary from {}",
                    with_place(&mut c.iter().map(|(_, j, (z, _))| (*j, z)))
                )
                .into()
            })
        }
        Condition::UnencryptedAcrossBoundary => {
            let c = l.crossings.of(i);
            c.iter().any(|e| !e.2.1).then(|| {
                format!(
                    "is reached unencrypted across a boundary from {}",
                    with_place(&mut c.iter().filter(|e| !e.2.1).map(|(_, j, (z, _))| (*j, z)))
                )
                .into()
            })
        }
        Condition::CrossAccount => {
            let c = l.cross_account.of(i);
            (!c.is_empty()).then(|| {
                format!(
                    "is connected to {} in another account",
                    with_place(&mut c.iter().map(|(_, j, a)| (*j, a)))
                )
                .into()
            })
        }
        Condition::OnPremisesLink => {
            let c = l.on_premises.of(i);
            (!c.is_empty()).then(|| {
                format!("is connected to {} on premises", with_place(&mut c.iter().map(|(_, j, a)| (*j, a))))
                    .into()
            })
        }
    }
}

/// Is this one of the conditions about where a subject sits (its "why" names the boundary)?
fn is_placement(cond: Condition) -> bool {
    matches!(
        cond,
        Condition::InPublicSubnet
            | Condition::CrossesBoundary
            | Condition::UnencryptedAcrossBoundary
            | Condition::CrossAccount
            | Condition::OnPremisesLink
    )
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
        Condition::InPublicSubnet => "that sit in a public subnet",
        Condition::CrossesBoundary => "reached across an account, VPC, on-premises or trust-zone boundary",
        Condition::UnencryptedAcrossBoundary => "reached unencrypted across a boundary",
        Condition::CrossAccount => "connected to a component in another account",
        Condition::OnPremisesLink => "connected to an on-premises site",
    };
    format!("Applies to {service} components {which}.")
}

/// Everything [`reason`] reads, per subject (components, then VPC boundaries).
struct Facts {
    links: Links,
    facing: Vec<bool>,
    data: Vec<DataClass>,
    names: Vec<Shared>,
    /// "uses X": one shared string per service.
    always: Vec<Shared>,
    places: Places,
}

/// Builds the consolidated checklist. Deterministic: the same catalog and project give the same
/// items in the same order.
pub fn build(catalog: &Catalog, project: &Project) -> Checklist {
    let mut items: Vec<Item> = Vec::new();
    if project.components.is_empty() {
        return Checklist { items };
    }
    let state = |id: &str| project.todos.get(id).cloned().unwrap_or_default();
    let accounts: Vec<Coverage> = project
        .boundaries
        .iter()
        .filter(|b| b.kind() == Some(BoundaryKind::Account))
        .map(|b| Coverage {
            subject: Subject::Boundary(b.id),
            label: Arc::new(b.display_name()),
            reason: Arc::new("is an AWS account of this design".to_string()),
        })
        .collect();
    let account_why = match accounts.len() {
        0 => "Account baseline: every AWS account that runs this architecture needs it.".to_string(),
        1 => format!("Account baseline for the account {}.", accounts[0].label),
        n => format!(
            "Account baseline: each of the {n} accounts of this design ({}) needs it.",
            accounts.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    for t in catalog.account_todos() {
        items.push(Item {
            todo: t.clone(),
            scope: Scope::Account,
            why: account_why.clone(),
            covers: accounts.clone(),
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

    let subjects = Subjects {
        vpcs: project
            .boundaries
            .iter()
            .filter(|b| b.kind() == Some(BoundaryKind::Vpc))
            .map(|b| b.id)
            .collect(),
    };
    let (links, facing, places) = links(project, &subjects);
    let resolved: Vec<_> = project.components.iter().map(|c| resolve(catalog, c)).collect();
    let vpc_stacks: Vec<_> = subjects.vpcs.iter().map(|_| resolve_boundary(catalog)).collect();
    let mut names: Vec<Shared> = project
        .components
        .iter()
        .zip(&resolved)
        .map(|(c, r)| Arc::new(c.display_name(r.map(|r| r.service.name.as_str()))))
        .collect();
    // "uses X" is the reason of every `always` to-do: one shared string per service name.
    let mut reasons: HashMap<Cow<'static, str>, Shared> = HashMap::new();
    // A borrowed reason is a key without an allocation; only a new one is copied into an `Arc`.
    let mut shared =
        |why: Cow<'static, str>| reasons.entry(why).or_insert_with_key(|k| Arc::new(k.to_string())).clone();
    let mut by_service: HashMap<*const crate::catalog::Service, Shared> = HashMap::new();
    let mut always: Vec<Shared> = resolved
        .iter()
        .map(|r| {
            let key = r.map_or(std::ptr::null(), |r| std::ptr::from_ref(r.service));
            by_service
                .entry(key)
                .or_insert_with(|| {
                    shared(format!("uses {}", r.map_or("", |r| r.service.name.as_str())).into())
                })
                .clone()
        })
        .collect();
    let mut data: Vec<DataClass> = project.components.iter().map(|c| c.data).collect();
    // A VPC holds the most sensitive data of what sits in it.
    let mut vpc_data = vec![DataClass::Public; subjects.vpcs.len()];
    let mut vpc_any = vec![false; subjects.vpcs.len()];
    let n = project.components.len();
    for (i, c) in project.components.iter().enumerate() {
        for &v in &places.get(i).in_vpc {
            vpc_data[v - n] = vpc_data[v - n].max(c.data);
            vpc_any[v - n] = true;
        }
    }
    let mut subject_ids: Vec<Subject> = project.components.iter().map(|c| Subject::Component(c.id)).collect();
    let index = project.boundary_index();
    for (v, id) in subjects.vpcs.iter().enumerate() {
        let b = &project.boundaries[index[id]];
        names.push(Arc::new(b.display_name()));
        always.push(shared("is a VPC drawn as a boundary".into()));
        data.push(if vpc_any[v] { vpc_data[v] } else { DataClass::default() });
        subject_ids.push(Subject::Boundary(*id));
    }
    let facts = Facts { links, facing, data, names, always, places };
    let stacks = resolved.iter().map(|r| r.map(|r| (r.service, r.variant))).chain(vpc_stacks);
    // Keyed by the to-do's address in the catalog: the same to-do from several subjects merges.
    let mut by_todo: HashMap<*const Todo, usize> = HashMap::new();
    let mut cover = |t: &Todo, i: usize, scope: &dyn Fn() -> (Scope, String), items: &mut Vec<Item>| {
        // The commonest reason is made once per subject, not once per to-do.
        let why = if t.condition == Condition::Always {
            facts.always[i].clone()
        } else {
            let Some(why) = reason(t.condition, i, &facts) else { return };
            shared(why)
        };
        let cov = Coverage { subject: subject_ids[i], label: facts.names[i].clone(), reason: why };
        match by_todo.get(&std::ptr::from_ref(t)) {
            Some(&k) => items[k].covers.push(cov),
            None => {
                by_todo.insert(std::ptr::from_ref(t), items.len());
                let (scope, why) = scope();
                items.push(Item { todo: t.clone(), scope, why, covers: vec![cov], state: state(&t.id) });
            }
        }
    };
    for (i, r) in stacks.enumerate() {
        let Some((service, variant)) = r else { continue };
        for t in &service.todos {
            if !t.applies_to_variant(&variant.id) {
                continue;
            }
            let scope = || {
                (
                    Scope::Service { id: service.id.clone(), name: service.name.clone() },
                    applies_to(t.condition, &service.name),
                )
            };
            cover(t, i, &scope, &mut items);
        }
    }
    for t in catalog.architecture_todos() {
        for i in 0..project.components.len() {
            let scope = || (Scope::Architecture, String::new());
            cover(t, i, &scope, &mut items);
        }
    }
    // Items about where things sit say where, by name. The cover lists grew by doubling:
    // give back what they do not use (a large project has millions of coverages).
    for item in &mut items {
        item.covers.shrink_to_fit();
        if (is_placement(item.todo.condition) || item.scope == Scope::Architecture)
            && let Some(first) = item.covers.first()
        {
            let more = match item.covers.len() - 1 {
                0 => String::new(),
                1 => " (and 1 more)".into(),
                n => format!(" (and {n} more)"),
            };
            item.why = format!("{} {}{more}.", first.label, first.reason);
        }
    }
    // Sorted by index, then moved once: an item is large.
    fn key(a: &Item) -> (Domain, crate::vocab::Priority, &Scope, &String) {
        (a.todo.domain, a.todo.priority, &a.scope, &a.todo.id)
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| key(&items[a]).cmp(&key(&items[b])));
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let items = order.into_iter().filter_map(|k| slots[k].take()).collect();
    Checklist { items }
}
