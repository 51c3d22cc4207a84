//! Data derived from the catalog and the project (stacks, checklist, indices), recomputed only
//! when the document's revision changes, never stored in the file.
//!
//! For a large project the stacks and checklist are worked out on a worker thread
//! ([`super::background`]) and installed when ready, so for a moment they may describe the
//! project as it was a revision ago. Two things are always current: [`Derived::index`] (where
//! each component sits in the project, rebuilt in place by [`Derived::refresh_index`]), and
//! the info of a node the views show ([`Derived::info`], worked out on the spot for a component
//! added or changed since).

use super::elide::{SHOWN, elide};
use crate::catalog::Catalog;
use crate::checklist::{self, Checklist};
use crate::project::{BoundaryId, ComponentId, Problem, Project, check};
use crate::responsibility::resolve;
use crate::vocab::{Category, Layer, Owner};
use foldhash::HashMap;
use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};

/// What the views need to know about one component.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeInfo {
    /// Service short name ("RDS"), or the raw service id when the catalog does not know it.
    pub short: String,
    /// Full service name ("Amazon RDS").
    pub service_name: String,
    /// Variant name, when the service has variants.
    pub variant: Option<String>,
    /// Category in force, when known.
    pub category: Option<Category>,
    /// Owner of each layer, bottom to top; `None` for an unknown service.
    pub owners: Option<[Owner; 13]>,
    /// Layers per owner, in [`Owner::ALL`] order.
    pub counts: [usize; 4],
    /// The label, or the service name when unlabelled.
    pub display: String,
    /// Failing scanner findings on this component (0 without findings).
    pub failing: usize,
    /// While comparing with another version: added or changed.
    pub mark: Option<super::compare_file::Mark>,
    /// What `project::check` found wrong with this component (unknown service or variant, a
    /// service outside a chosen compliance programme's scope, ...).
    pub problems: Vec<String>,
}

/// Everything derived from catalog + project.
#[derive(Default)]
pub struct Derived {
    /// The content revision the stacks, checklist and node infos were worked out for.
    rev: Option<u64>,
    /// One entry per component, in the order of the project they were worked out from.
    pub nodes: Vec<NodeInfo>,
    /// For each of `nodes`: its component's id and the [`fingerprint`] of what its info was
    /// made from.
    keys: Vec<(ComponentId, u64)>,
    /// Component id to index in `nodes`.
    node_index: HashMap<ComponentId, usize>,
    /// Component id to index in `project.components`, for the project as it is now.
    pub index: HashMap<ComponentId, usize>,
    /// For each connection of the project as it is now, the indices in `project.components` of
    /// its two ends (`None` when one is missing). Built with `index`.
    pub ends: Vec<Option<(u32, u32)>>,
    /// The content revision `index` and `ends` were built for, and the places revision.
    index_rev: Option<u64>,
    places_rev: Option<u64>,
    /// Each component's position (project order): what the canvas culls with, in one compact
    /// list. Made at the moves and places revisions `centers_rev`.
    pub centers: Vec<egui::Pos2>,
    centers_rev: Option<(u64, u64)>,
    /// The consolidated checklist.
    pub checklist: Checklist,
    /// The indices of the checklist items covering each component, all in one list:
    /// component `i`'s are `component_items[item_starts[i]..item_starts[i + 1]]` (see
    /// [`Derived::items_of`]).
    component_items: Vec<usize>,
    item_starts: Vec<usize>,
    /// Problems found by `project::check`.
    pub problems: Vec<Problem>,
    /// The VPC boundaries (project order) with the stack they stand for: matrix rows.
    pub boundary_rows: Vec<(BoundaryId, NodeInfo)>,
    /// What loaded scanner findings say about the checklist (`None` when none are loaded).
    pub evidence: Option<crate::evidence::Evidence>,
    /// For each checklist item, the requirement ids it addresses per framework version.
    pub requirements: Vec<std::collections::BTreeMap<String, Vec<String>>>,
    /// The framework picker's requirement list, made when first shown and kept until the
    /// project or the framework version changes (it needs every component's stack).
    framework_rows: std::cell::RefCell<Option<FrameworkRows>>,
    /// The picker's header counts (requirements addressed, not addressed) of one framework
    /// version, kept like `framework_rows` but without the stacks the list needs.
    framework_counts: std::cell::Cell<Option<CountsAt>>,
}

/// Counts (addressed, not addressed) at a revision, for the framework version at an index.
type CountsAt = (Option<u64>, usize, (usize, usize));

/// One framework version's view over the checklist, as the checklist panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkRows {
    rev: Option<u64>,
    /// The framework version's id.
    pub version: String,
    /// The requirements addressed, in the framework's order.
    pub rows: Vec<crate::compliance::RequirementRow>,
    /// Id and title of each requirement no item addresses.
    pub not_addressed: Vec<(String, String)>,
}

impl Derived {
    /// How many of framework version `fv`'s requirements the checklist addresses, and how many
    /// it does not; counted once per revision.
    pub fn framework_counts(
        &self,
        catalog: &Catalog,
        fv: &crate::catalog::compliance::FrameworkVersion,
    ) -> (usize, usize) {
        let key = catalog.framework_versions().iter().position(|v| v.id == fv.id).unwrap_or(usize::MAX);
        if let Some((rev, k, counts)) = self.framework_counts.get()
            && rev == self.rev
            && k == key
        {
            return counts;
        }
        let addressed: std::collections::BTreeSet<&str> =
            self.requirements.iter().filter_map(|r| r.get(&fv.id)).flatten().map(String::as_str).collect();
        let not = fv.requirements.iter().filter(|r| !addressed.contains(r.id.as_str())).count();
        let counts = (addressed.len(), not);
        self.framework_counts.set(Some((self.rev, key, counts)));
        counts
    }

    /// The view of framework version `fv` over the checklist, made once per revision.
    pub fn framework_rows(
        &self,
        catalog: &Catalog,
        project: &Project,
        fv: &crate::catalog::compliance::FrameworkVersion,
    ) -> std::cell::Ref<'_, FrameworkRows> {
        let stale =
            self.framework_rows.borrow().as_ref().is_none_or(|f| f.rev != self.rev || f.version != fv.id);
        if stale {
            let stacks: Vec<_> =
                project.components.iter().map(|c| (c, crate::responsibility::resolve(catalog, c))).collect();
            let view = crate::compliance::view(catalog, fv, &self.checklist, &stacks);
            *self.framework_rows.borrow_mut() = Some(FrameworkRows {
                rev: self.rev,
                version: fv.id.clone(),
                rows: view.rows,
                not_addressed: view.not_addressed.iter().map(|q| (q.id.clone(), q.title.clone())).collect(),
            });
        }
        std::cell::Ref::map(self.framework_rows.borrow(), |f| f.as_ref().expect("made just above"))
    }

    /// The indices of the checklist items covering component `id`.
    pub fn items_of(&self, id: ComponentId) -> &[usize] {
        let Some(&index) = self.node_index.get(&id) else { return &[] };
        match (self.item_starts.get(index), self.item_starts.get(index + 1)) {
            (Some(&a), Some(&b)) => &self.component_items[a..b],
            _ => &[],
        }
    }

    /// Recomputes when `rev` differs from the last computed revision, here and now. Returns
    /// whether it did.
    pub fn refresh(&mut self, catalog: &Catalog, project: &Project, rev: u64) -> bool {
        if self.rev == Some(rev) {
            return false;
        }
        let fresh = Derived::compute(catalog, project, rev);
        drop(self.install(fresh));
        // No places revision is known here: 0 is none the document hands out, so an index
        // not yet at `rev` is built afresh.
        self.refresh_index(project, rev, 0);
        true
    }

    /// Brings [`Derived::index`] and [`Derived::ends`] up to the project's content revision
    /// `rev`. When the places revision is the one they were built at, components and
    /// connections only came at the end, and only those are added; otherwise both are built
    /// again.
    pub fn refresh_index(&mut self, project: &Project, rev: u64, places: u64) {
        if self.index_rev == Some(rev) {
            return;
        }
        let (n, m) = (project.components.len(), project.connections.len());
        let extend = self.places_rev == Some(places) && self.index.len() <= n && self.ends.len() <= m;
        if !extend {
            self.index.clear();
            self.ends.clear();
        }
        let from = self.index.len();
        self.index.extend(project.components[from..].iter().enumerate().map(|(i, c)| (c.id, from + i)));
        let at = |id| self.index.get(&id).and_then(|&i| u32::try_from(i).ok());
        let from = self.ends.len();
        self.ends.extend(project.connections[from..].iter().map(|k| at(k.from).zip(at(k.to))));
        self.index_rev = Some(rev);
        self.places_rev = Some(places);
    }

    /// Brings [`Derived::centers`] up to the project: when nothing has moved or left its place
    /// since (`moves` and `places` revisions unchanged), only the positions of components
    /// added at the end are added; otherwise all are read again.
    pub fn refresh_centers(&mut self, project: &Project, moves: u64, places: u64) {
        if self.centers_rev != Some((moves, places)) || self.centers.len() > project.components.len() {
            self.centers.clear();
        }
        let from = self.centers.len();
        let at = |c: &crate::project::Component| egui::Pos2::new(c.position.x, c.position.y);
        self.centers.extend(project.components[from..].iter().map(at));
        self.centers_rev = Some((moves, places));
    }

    /// Whether the stacks and checklist are those of content revision `rev`.
    pub fn is_current(&self, rev: u64) -> bool {
        self.rev == Some(rev)
    }

    /// Puts data worked out elsewhere ([`Derived::compute`]) in place, keeping
    /// [`Derived::index`]; returns what it replaces. Evidence and comparison marks are not
    /// carried over: set them again.
    pub fn install(&mut self, mut fresh: Derived) -> Derived {
        std::mem::swap(&mut fresh.index, &mut self.index);
        std::mem::swap(&mut fresh.ends, &mut self.ends);
        std::mem::swap(&mut fresh.index_rev, &mut self.index_rev);
        std::mem::swap(&mut fresh.places_rev, &mut self.places_rev);
        std::mem::swap(&mut fresh.centers, &mut self.centers);
        std::mem::swap(&mut fresh.centers_rev, &mut self.centers_rev);
        std::mem::replace(self, fresh)
    }

    /// Everything derived from `project` at content revision `rev`, worked out from scratch
    /// (on any thread). Its [`Derived::index`] is left empty.
    pub fn compute(catalog: &Catalog, project: &Project, rev: u64) -> Derived {
        let mut d = Derived { rev: Some(rev), ..Derived::default() };
        d.fill(catalog, project);
        d
    }

    fn fill(&mut self, catalog: &Catalog, project: &Project) {
        self.nodes = project.components.iter().map(|c| node_info(catalog, c)).collect();
        self.keys = project.components.iter().map(|c| (c.id, fingerprint(c))).collect();
        self.node_index = project.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        self.checklist = checklist::build(catalog, project);
        self.requirements = self
            .checklist
            .items
            .iter()
            .map(|i| {
                catalog
                    .todo_requirements(&i.todo)
                    .into_iter()
                    .map(|(fw, reqs)| (fw, reqs.into_keys().collect()))
                    .collect()
            })
            .collect();
        // Counted, then filled: one list for all components, not one allocation each.
        let n = project.components.len();
        let at = |cov: &checklist::Coverage| {
            cov.subject.component().and_then(|id| self.node_index.get(&id)).copied()
        };
        let mut starts = vec![0usize; n + 1];
        for item in &self.checklist.items {
            for i in item.covers.iter().filter_map(at) {
                starts[i + 1] += 1;
            }
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut flat = vec![0usize; starts[n]];
        for (k, item) in self.checklist.items.iter().enumerate() {
            for i in item.covers.iter().filter_map(at) {
                flat[fill[i]] = k;
                fill[i] += 1;
            }
        }
        self.component_items = flat;
        self.item_starts = starts;
        self.boundary_rows = crate::responsibility::boundary_stacks(catalog, project)
            .into_iter()
            .filter_map(|(b, s)| s.map(|_| b))
            .map(|b| {
                let as_component = crate::project::Component {
                    id: ComponentId(0),
                    service: crate::responsibility::VPC_SERVICE.into(),
                    variant: None,
                    label: format!("{} (VPC boundary)", elide(&b.display_name(), SHOWN)),
                    position: Default::default(),
                    internet_facing: false,
                    data: Default::default(),
                    notes: String::new(),
                    boundary: None,
                    source: None,
                };
                (b.id, node_info(catalog, &as_component))
            })
            .collect();
        self.problems = check(project, catalog);
        for p in &self.problems {
            if let Some(&i) = p.component.and_then(|id| self.node_index.get(&id)) {
                self.nodes[i].problems.push(p.message.clone());
            }
        }
    }

    /// Matches findings to the current checklist (or drops the evidence with `None`), and marks
    /// the nodes with failing resources.
    pub fn set_findings(&mut self, project: &Project, files: Option<&[crate::evidence::FindingsFile]>) {
        for n in &mut self.nodes {
            n.failing = 0;
        }
        self.evidence = files.map(|f| crate::evidence::matching::build(project, &self.checklist, f));
        if let Some(ev) = &self.evidence {
            for e in ev.by_todo.values() {
                for r in e.resources.iter().filter(|r| r.status == crate::evidence::Status::Failed) {
                    if let Some(&i) = r.component.and_then(|c| self.node_index.get(&ComponentId(c))) {
                        self.nodes[i].failing += 1;
                    }
                }
            }
        }
    }

    /// Marks the nodes a comparison finds added or changed (or clears the marks with `None`).
    pub fn set_marks(&mut self, diff: Option<&crate::diff::Diff>) {
        use super::compare_file::Mark;
        for n in &mut self.nodes {
            n.mark = None;
        }
        let Some(d) = diff else { return };
        for (ids, mark) in [
            (d.components.added.iter().map(|c| c.id).collect::<Vec<_>>(), Mark::Added),
            (d.components.changed.iter().map(|c| c.id).collect(), Mark::Changed),
        ] {
            for id in ids {
                if let Some(&i) = self.node_index.get(&ComponentId(id)) {
                    self.nodes[i].mark = Some(mark);
                }
            }
        }
    }

    /// The node info of a component, as last worked out (see [`Derived::info`] for one that is
    /// always current).
    pub fn node(&self, id: ComponentId) -> Option<&NodeInfo> {
        self.node_index.get(&id).map(|&i| &self.nodes[i])
    }

    /// The node info of component `id`, found at index `at` of the project, as last worked out
    /// (looked up by position first: quick when nothing was added or removed since).
    pub fn node_at(&self, at: usize, id: ComponentId) -> Option<&NodeInfo> {
        self.slot(at, id).map(|k| &self.nodes[k])
    }

    /// Where component `id`, at index `at` of the project, is in `nodes`.
    fn slot(&self, at: usize, id: ComponentId) -> Option<usize> {
        match self.keys.get(at) {
            Some(&(k, _)) if k == id => Some(at),
            _ => self.node_index.get(&id).copied(),
        }
    }

    /// The info of component `c`, found at index `at` of the project, as it is now: the one
    /// worked out last when `c` has not changed since, else made on the spot (keeping the
    /// problems, findings and marks found last, until the next result comes in).
    pub fn info<'a>(
        &'a self,
        catalog: &Catalog,
        at: usize,
        c: &crate::project::Component,
    ) -> Cow<'a, NodeInfo> {
        let k = self.slot(at, c.id);
        match k {
            Some(k) if self.keys[k].1 == fingerprint(c) => Cow::Borrowed(&self.nodes[k]),
            _ => {
                let mut fresh = node_info(catalog, c);
                if let Some(old) = k.map(|k| &self.nodes[k]) {
                    fresh.problems.clone_from(&old.problems);
                    fresh.failing = old.failing;
                    fresh.mark = old.mark;
                }
                Cow::Owned(fresh)
            }
        }
    }

    /// The owner of `layer` in component `id`, when known.
    pub fn owner(&self, id: ComponentId, layer: Layer) -> Option<Owner> {
        self.node(id).and_then(|n| n.owners).map(|o| o[layer.index()])
    }
}

/// A hash of what a component's [`NodeInfo`] is made from (service, variant, the label as far
/// as it shows), to tell whether the info worked out earlier still holds.
fn fingerprint(c: &crate::project::Component) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x5eed).build_hasher();
    c.service.hash(&mut h);
    c.variant.hash(&mut h);
    // The display shows at most SHOWN characters of the label (4 bytes at most each), and
    // falls back to the service name for a blank one.
    super::elide::truncate_bytes(&c.label, 4 * SHOWN + 4).hash(&mut h);
    c.label.len().hash(&mut h);
    c.label.trim().is_empty().hash(&mut h);
    h.finish()
}

fn node_info(catalog: &Catalog, c: &crate::project::Component) -> NodeInfo {
    match resolve(catalog, c) {
        Some(r) => {
            let mut owners = [Owner::NotApplicable; 13];
            for (slot, e) in owners.iter_mut().zip(r.stack().entries()) {
                *slot = e.owner;
            }
            let display = elide(&c.display_name(Some(&r.service.name)), SHOWN).into_owned();
            NodeInfo {
                short: r.service.short.clone(),
                service_name: r.service.name.clone(),
                variant: r.variant_id().map(|_| r.variant.name.clone()),
                category: Some(r.category()),
                owners: Some(owners),
                counts: r.stack().owner_counts(),
                display,
                problems: Vec::new(),
                failing: 0,
                mark: None,
            }
        }
        None => NodeInfo {
            short: c.service.clone(),
            service_name: format!("Unknown service `{}`", c.service),
            variant: None,
            category: None,
            owners: None,
            counts: [0; 4],
            display: elide(&c.display_name(None), SHOWN).into_owned(),
            problems: Vec::new(),
            failing: 0,
            mark: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-account example, as loaded.
    fn hybrid() -> Project {
        crate::project::load_str(include_str!("../../saved/hybrid-two-accounts.ron"), "hybrid.ron")
            .unwrap()
            .project
    }

    /// Each component's item list is exactly the items that cover it, in checklist order.
    #[test]
    fn items_of_a_component_are_the_items_covering_it() {
        let catalog = Catalog::builtin();
        let project = hybrid();
        let mut d = Derived::default();
        assert!(d.refresh(catalog, &project, 1));
        let mut seen = 0;
        for c in &project.components {
            let expected: Vec<usize> = (0..d.checklist.items.len())
                .filter(|&k| {
                    d.checklist.items[k].covers.iter().any(|cov| cov.subject.component() == Some(c.id))
                })
                .collect();
            assert_eq!(d.items_of(c.id), expected.as_slice(), "{}", c.label);
            seen += expected.len();
        }
        assert!(seen > project.components.len(), "the example's components are covered");
        assert!(d.items_of(ComponentId(u64::MAX)).is_empty(), "an unknown component: nothing");
    }

    /// While the stacks are being worked out for a newer revision, what the views show of a
    /// node is still the component as it is: an added one has its stack, a renamed one its new
    /// name, and an unchanged one the info worked out before (not made again).
    #[test]
    fn a_node_shows_as_it_is_before_its_checklist_is_worked_out() {
        let catalog = Catalog::builtin();
        let before = hybrid();
        let mut d = Derived::default();
        d.refresh(catalog, &before, 1);
        let mut after = before.clone();
        after.components.remove(0);
        after.components[0].label = "Renamed".into();
        let mut added = after.components[1].clone();
        added.id = ComponentId(9_999);
        added.service = "rds".into();
        added.variant = None;
        after.components.push(added);
        d.refresh_index(&after, 2, 2);
        assert!(!d.is_current(2), "the checklist is still the one before");
        for (i, c) in after.components.iter().enumerate() {
            assert_eq!(d.index[&c.id], i, "the index is the project as it is");
            let shown = d.info(catalog, i, c);
            let mut expected = node_info(catalog, c);
            if let Some(old) = d.node(c.id) {
                expected.problems.clone_from(&old.problems);
            }
            assert_eq!(*shown, expected, "{}", c.label);
            let unchanged = i > 0 && c.id != ComponentId(9_999);
            assert_eq!(matches!(shown, Cow::Borrowed(_)), unchanged, "{}", c.label);
        }
        assert_eq!(d.info(catalog, 0, &after.components[0]).display, "Renamed");
        let last = after.components.len() - 1;
        assert_eq!(d.info(catalog, last, &after.components[last]).short, "RDS");
        // Once worked out, everything is the new project's.
        let fresh = Derived::compute(catalog, &after, 2);
        drop(d.install(fresh));
        assert!(d.is_current(2));
        assert!(matches!(d.info(catalog, 0, &after.components[0]), Cow::Borrowed(_)));
        assert_eq!(d.checklist, checklist::build(catalog, &after));
    }

    /// However edits, undo and redo follow one another, the index, the connection ends and
    /// the positions kept up to date by extending them are what building them afresh gives.
    #[test]
    fn the_index_ends_and_positions_follow_every_kind_of_edit() {
        use super::super::document::Document;
        use super::super::edit::Edit;
        use crate::project::{Component, Connection, Pos};
        let comp = |id: u64| Component {
            id: ComponentId(id),
            service: "ec2".into(),
            variant: None,
            label: String::new(),
            position: Pos { x: id as f32, y: 0.0 },
            internet_facing: false,
            data: Default::default(),
            notes: String::new(),
            boundary: None,
            source: None,
        };
        let link = |a: u64, b: u64| Connection {
            from: ComponentId(a),
            to: ComponentId(b),
            label: String::new(),
            encrypted: true,
        };
        let mut doc = Document::new(Project::default(), None);
        let mut d = Derived::default();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let mut id = 0;
        for step in 0..600 {
            let n = doc.project().components.len() as u64;
            let some = |r: u64| ComponentId(doc.project().components[(r % n.max(1)) as usize].id.0);
            match next(9) {
                0 | 1 => {
                    id += 1;
                    doc.apply(vec![Edit::AddComponent(comp(id))], true);
                }
                2 => {
                    id += 2;
                    doc.apply(vec![Edit::Insert(vec![comp(id - 1), comp(id)], vec![link(id - 1, id)])], true);
                }
                3 if n > 1 => {
                    let (a, b) = (some(next(n)), some(next(n)));
                    doc.apply(vec![Edit::AddConnection(link(a.0, b.0))], true);
                }
                4 if n > 0 => {
                    let (c, x) = (some(next(n)), next(1000) as f32);
                    doc.apply(vec![Edit::SetPositions(vec![(c, Pos { x, y: 1.0 })])], true);
                }
                5 if n > 0 => {
                    doc.apply(vec![Edit::RemoveComponents(vec![some(next(n))])], true);
                }
                6 if !doc.project().connections.is_empty() => {
                    // A removal and an addition in one go: the lists end up as long as before.
                    let k = next(doc.project().connections.len() as u64) as usize;
                    let (a, b) = (some(next(n)), some(next(n)));
                    doc.apply(vec![Edit::RemoveConnection(k), Edit::AddConnection(link(a.0, b.0))], true);
                }
                7 => {
                    doc.undo();
                }
                8 => {
                    doc.redo();
                }
                _ => {}
            }
            let p = doc.project();
            d.refresh_index(p, doc.content_rev(), doc.places_rev());
            d.refresh_centers(p, doc.moves_rev(), doc.places_rev());
            let index: HashMap<ComponentId, usize> =
                p.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
            assert_eq!(d.index, index, "step {step}");
            let ends: Vec<_> = (p.connections.iter())
                .map(|k| index.get(&k.from).zip(index.get(&k.to)).map(|(&a, &b)| (a as u32, b as u32)))
                .collect();
            assert_eq!(d.ends, ends, "step {step}");
            let centers: Vec<_> =
                p.components.iter().map(|c| egui::Pos2::new(c.position.x, c.position.y)).collect();
            assert_eq!(d.centers, centers, "step {step}");
        }
        assert!(id > 100, "the project grew");
    }
}
