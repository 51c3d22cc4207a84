//! From classified resources to a project: boundaries (VPCs, subnets, public when the code
//! says), components (labels, attributes, placement), helpers folded into what they serve, and
//! the summary line of every resource.

use super::classify::Class;
use super::model::Resource;
use super::props::{all_hold, tag, text_at};
use super::summary::{Outcome, ResourceLine};
use crate::catalog::Catalog;
use crate::catalog::iac::{HelperRule, any_type_matches};
use crate::project::{Boundary, BoundaryId, Component, ComponentId, Pos, Rect};
use crate::vocab::DataClass;
use std::collections::{HashMap, HashSet};

/// What a resource became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Became {
    /// A component (index into `components`).
    Component(usize),
    /// A boundary (index into `boundaries`).
    Boundary(usize),
    /// Nothing (yet).
    Nothing,
}

/// The work in progress of one import.
pub struct Assembly<'c> {
    /// The catalog.
    pub catalog: &'c Catalog,
    /// File names, by input index.
    pub files: Vec<String>,
    /// Every resource of every input.
    pub resources: Vec<Resource>,
    /// What each is.
    pub classes: Vec<Class<'c>>,
    /// What each became; helpers point at what they are folded into.
    pub became: Vec<Became>,
    /// Resource index by (file, address).
    pub index: HashMap<(usize, String), usize>,
    /// The boundaries made (rects are set by the layout).
    pub boundaries: Vec<Boundary>,
    /// The components made (positions are set by the layout).
    pub components: Vec<Component>,
    /// The resource each component was made from.
    pub component_resource: Vec<usize>,
    /// Resources folded into each component (its own resource first).
    pub members: Vec<Vec<usize>>,
    /// What the code says about encryption of traffic into each component.
    pub encrypted_into: Vec<Vec<String>>,
    /// Whether each component's data classification came from a tag.
    pub classified_by_tag: Vec<bool>,
    /// Summary lines, by resource index (`None` until decided).
    pub lines: Vec<Option<ResourceLine>>,
    /// Warnings.
    pub warnings: Vec<String>,
}

impl<'c> Assembly<'c> {
    /// The resource a reference from `from` names, if it was read.
    pub fn target(&self, from: usize, address: &str) -> Option<usize> {
        self.index.get(&(self.resources[from].file, address.to_string())).copied()
    }

    /// Indices of the resources `i` names at paths starting with one of `paths` (all when empty).
    pub fn refs_at(&self, i: usize, paths: &[&str]) -> Vec<usize> {
        self.resources[i]
            .refs
            .iter()
            .filter(|r| paths.is_empty() || paths.iter().any(|p| path_starts(&r.path, p)))
            .filter_map(|r| self.target(i, &r.target))
            .collect()
    }

    fn helper(&self, i: usize) -> Option<&'c HelperRule> {
        match &self.classes[i] {
            Class::Helper(h) => Some(h),
            _ => None,
        }
    }
}

/// Does dotted `path` start with the dotted `prefix` (whole segments)?
pub fn path_starts(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path == prefix
        || (path.starts_with(prefix) && path.as_bytes().get(prefix.len()) == Some(&b'.'))
}

/// Makes boundaries and components, folds helpers, places components and sets their
/// attributes.
pub fn build(a: &mut Assembly) {
    make_boundaries(a);
    make_components(a);
    fold_helpers(a);
    place_and_describe(a);
}

fn label_of(a: &Assembly, i: usize) -> String {
    let r = &a.resources[i];
    for key in &a.catalog.iac().label_tags {
        if let Some(v) = tag(&r.props, key).filter(|v| !v.trim().is_empty()) {
            return crate::text::sanitize(v, crate::text::Lines::Escape).into_owned();
        }
    }
    crate::text::sanitize(&r.address, crate::text::Lines::Escape).into_owned()
}

fn make_boundaries(a: &mut Assembly) {
    let iac = a.catalog.iac();
    // Route tables with a route to an internet gateway, then the subnets they serve.
    let mut public_tables: HashSet<usize> = HashSet::new();
    for i in 0..a.resources.len() {
        let rtype = a.resources[i].rtype.clone();
        for rule in iac.public_routes.iter().filter(|r| any_type_matches(&r.types, &rtype)) {
            let gateway_path = if rule.list.is_empty() {
                rule.gateway.clone()
            } else {
                format!("{}.{}", rule.list, rule.gateway)
            };
            let to_gateway = a
                .refs_at(i, &[gateway_path.as_str()])
                .into_iter()
                .any(|g| any_type_matches(&rule.gateway_types, &a.resources[g].rtype));
            if !to_gateway {
                continue;
            }
            if rule.list.is_empty() {
                public_tables.extend(a.refs_at(i, &[rule.table.as_str()]));
            } else {
                public_tables.insert(i);
            }
        }
    }
    let mut public_subnets: HashSet<usize> = HashSet::new();
    for i in 0..a.resources.len() {
        let rtype = a.resources[i].rtype.clone();
        for rule in iac.route_associations.iter().filter(|r| any_type_matches(&r.types, &rtype)) {
            if a.refs_at(i, &[rule.table.as_str()]).iter().any(|t| public_tables.contains(t)) {
                public_subnets.extend(a.refs_at(i, &[rule.subnet.as_str()]));
            }
        }
    }
    for i in 0..a.resources.len() {
        let Class::Boundary(rule) = a.classes[i] else { continue };
        let r = &a.resources[i];
        let public = rule.public_kind.is_some()
            && (public_subnets.contains(&i)
                || rule.public_when.iter().any(|t| super::props::holds(&r.props, t)));
        let kind = if public {
            rule.public_kind.clone().unwrap_or_else(|| rule.kind.clone())
        } else {
            rule.kind.clone()
        };
        let mut label = label_of(a, i);
        if let Some(zone) = rule.zone.as_deref().and_then(|z| text_at(&r.props, z))
            && !label.contains(zone)
        {
            label = format!("{label} ({zone})");
        }
        let id = BoundaryId(a.boundaries.len() as u64 + 1);
        a.boundaries.push(Boundary {
            id,
            kind,
            label,
            parent: None,
            rect: Rect { x: 0.0, y: 0.0, w: 200.0, h: 120.0 },
            source: Some(r.address.clone()),
        });
        a.became[i] = Became::Boundary(a.boundaries.len() - 1);
        let why = if public && public_subnets.contains(&i) {
            Some("public: its route table sends traffic to an internet gateway".to_string())
        } else if public {
            Some("public: it gives instances public IP addresses".to_string())
        } else {
            None
        };
        a.lines[i] = Some(ResourceLine::new(a, i, Outcome::Boundary, Some(id.0), why));
    }
    // Parents.
    for i in 0..a.resources.len() {
        let (Class::Boundary(rule), Became::Boundary(b)) = (&a.classes[i], a.became[i]) else { continue };
        let paths: Vec<&str> = rule.parent.iter().map(String::as_str).collect();
        if paths.is_empty() {
            continue;
        }
        let mut parent = a.refs_at(i, &paths).into_iter().find_map(|p| match a.became[p] {
            Became::Boundary(pb) if pb != b => Some(a.boundaries[pb].id),
            _ => None,
        });
        if parent.is_none() {
            // Named only through a value the input does not show (a Terraform local): the only
            // top-level box (a VPC) of the same file and module, if there is exactly one.
            let tops = top_boxes(a, i);
            if let [only] = tops[..]
                && let Became::Boundary(pb) = a.became[only]
            {
                parent = Some(a.boundaries[pb].id);
                let what = a.resources[i].address.clone();
                let vpc = a.boundaries[pb].label.clone();
                a.warnings.push(format!(
                    "{what}: its VPC is named through a value the input does not show; drawn in {vpc}, the only one of its module"
                ));
            }
        }
        a.boundaries[b].parent = parent;
    }
}

/// The top-level boxes (VPCs) of the same file and module as resource `i`.
fn top_boxes(a: &Assembly, i: usize) -> Vec<usize> {
    let module = module_of(&a.resources[i].address);
    (0..a.resources.len())
        .filter(|&j| {
            matches!(&a.classes[j], Class::Boundary(r) if r.parent.is_empty())
                && a.resources[j].file == a.resources[i].file
                && module_of(&a.resources[j].address) == module
        })
        .collect()
}

/// The module part of a Terraform address (`module.vpc` of `module.vpc.aws_subnet.a[0]`);
/// empty for a root resource or a CloudFormation logical id.
fn module_of(address: &str) -> String {
    let segs = super::terraform::segments(address);
    if segs.len() > 2 && segs[0] == "module" { segs[..segs.len() - 2].join(".") } else { String::new() }
}

fn make_components(a: &mut Assembly) {
    for i in 0..a.resources.len() {
        let Class::Service { service, variant } = &a.classes[i] else { continue };
        let (service, variant) = (service.clone(), variant.clone());
        add_component(a, i, service, variant);
    }
}

fn add_component(a: &mut Assembly, i: usize, service: String, variant: Option<String>) {
    let id = ComponentId(a.components.len() as u64 + 1);
    let label = label_of(a, i);
    a.components.push(Component {
        id,
        service,
        variant,
        label,
        position: Pos::default(),
        internet_facing: false,
        data: DataClass::default(),
        notes: String::new(),
        boundary: None,
        source: Some(a.resources[i].address.clone()),
    });
    a.component_resource.push(i);
    a.members.push(vec![i]);
    a.encrypted_into.push(Vec::new());
    a.classified_by_tag.push(false);
    a.became[i] = Became::Component(a.components.len() - 1);
    let r = &a.resources[i];
    let reason = match (&r.condition, &r.implicit) {
        (Some(c), Some(m)) => Some(format!("{m}; {c}")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(m)) => Some(m.clone()),
        (None, None) => None,
    };
    a.lines[i] = Some(ResourceLine::new(a, i, Outcome::Component, Some(id.0), reason));
}

/// What a helper serves: a component or boundary, through other helpers if need be.
fn serves(
    a: &Assembly,
    i: usize,
    seen: &mut HashSet<usize>,
    incoming: &HashMap<usize, Vec<usize>>,
) -> Became {
    if !seen.insert(i) || seen.len() > 64 {
        return Became::Nothing;
    }
    match a.became[i] {
        Became::Nothing => {}
        done => return done,
    }
    let Some(h) = a.helper(i) else { return Became::Nothing };
    let found = serves_any(a, i, h, seen, incoming);
    // A helper that is a service of its own when alone (an ECS cluster) folds only into a
    // component of that service (its ECS services), never into whatever else names it.
    match (found, &h.otherwise) {
        (Became::Component(x), Some(svc)) if a.components[x].service != *svc => Became::Nothing,
        (Became::Boundary(_), Some(_)) => Became::Nothing,
        _ => found,
    }
}

fn serves_any(
    a: &Assembly,
    i: usize,
    h: &HelperRule,
    seen: &mut HashSet<usize>,
    incoming: &HashMap<usize, Vec<usize>>,
) -> Became {
    let pick = |cands: Vec<usize>, seen: &mut HashSet<usize>| -> Became {
        // Components first, then boxes, then through other helpers.
        if let Some(c) = cands.iter().find_map(|&c| match a.became[c] {
            Became::Component(x) => Some(Became::Component(x)),
            _ => None,
        }) {
            return c;
        }
        if let Some(b) = cands.iter().find_map(|&c| match (a.became[c], a.classes[c].is_boundary()) {
            (Became::Boundary(x), true) => Some(Became::Boundary(x)),
            _ => None,
        }) {
            return b;
        }
        for &c in &cands {
            if a.helper(c).is_some() {
                match serves(a, c, seen, incoming) {
                    Became::Nothing => {}
                    found => return found,
                }
            }
        }
        Became::Nothing
    };
    if !h.serves.is_empty() {
        let paths: Vec<&str> = h.serves.iter().map(String::as_str).collect();
        match pick(a.refs_at(i, &paths), seen) {
            Became::Nothing => {}
            found => return found,
        }
    }
    match pick(incoming.get(&i).cloned().unwrap_or_default(), seen) {
        Became::Nothing => {}
        found => return found,
    }
    pick(a.refs_at(i, &[]), seen)
}

fn fold_helpers(a: &mut Assembly) {
    let mut incoming: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..a.resources.len() {
        for t in a.refs_at(i, &[]) {
            if t != i {
                incoming.entry(t).or_default().push(i);
            }
        }
    }
    let helpers: Vec<usize> = (0..a.resources.len()).filter(|&i| a.helper(i).is_some()).collect();
    let mut target: HashMap<usize, Became> = HashMap::new();
    for &i in &helpers {
        target.insert(i, serves(a, i, &mut HashSet::new(), &incoming));
    }
    // Helpers that serve nothing and become a service of their own (an ECS cluster alone).
    for &i in &helpers {
        let h = a.helper(i).expect("a helper");
        if target[&i] == Became::Nothing
            && let Some(svc) = h.otherwise.clone()
            && a.catalog.service(&svc).is_some()
        {
            let variant =
                a.catalog.service(&svc).filter(|s| s.has_variants()).map(|s| s.variants[0].id.clone());
            add_component(a, i, svc, variant);
            target.insert(i, a.became[i]);
        }
    }
    // Now that these exist, helpers that pointed nowhere may find them; one that serves its
    // VPC through a value the input does not show goes into the only VPC of its module.
    let parent_paths: Vec<&String> =
        a.catalog.iac().boundaries.iter().flat_map(|b| b.parent.iter()).collect();
    for &i in &helpers {
        if target[&i] == Became::Nothing {
            let mut t = serves(a, i, &mut HashSet::new(), &incoming);
            let h = a.helper(i).expect("a helper");
            if t == Became::Nothing
                && h.otherwise.is_none()
                && h.serves.iter().any(|p| parent_paths.contains(&p))
                && let [only] = top_boxes(a, i)[..]
            {
                t = a.became[only];
            }
            target.insert(i, t);
        }
    }
    for &i in &helpers {
        if matches!(a.became[i], Became::Component(_)) {
            continue;
        }
        let h = a.helper(i).expect("a helper");
        let t = target[&i];
        a.became[i] = t;
        let line = match t {
            Became::Component(c) => {
                a.members[c].push(i);
                if let Some(v) = &h.sets_variant
                    && let Some(svc) = a.catalog.service(&a.components[c].service)
                    && svc.variants.iter().any(|x| &x.id == v)
                {
                    a.components[c].variant = Some(v.clone());
                }
                ResourceLine::new(a, i, Outcome::Folded, Some(a.components[c].id.0), Some(h.reason.clone()))
            }
            Became::Boundary(b) => {
                ResourceLine::new(a, i, Outcome::Folded, Some(a.boundaries[b].id.0), Some(h.reason.clone()))
                    .into_box()
            }
            Became::Nothing => ResourceLine::new(
                a,
                i,
                Outcome::Ignored,
                None,
                Some(format!("{}; nothing imported names it or is named by it", h.reason)),
            ),
        };
        a.lines[i] = Some(line);
    }
}

/// The resources whose references say where component `c` sits and what it is: its own, those
/// folded into it, and helpers it names directly (a subnet group shared by two databases, the
/// target group it is registered in), not through `DependsOn`.
pub fn evidence(a: &Assembly, c: usize) -> Vec<usize> {
    let mut out = a.members[c].clone();
    for &m in &a.members[c] {
        for r in &a.resources[m].refs {
            if r.path == "DependsOn" {
                continue;
            }
            if let Some(t) = a.target(m, &r.target)
                && a.helper(t).is_some()
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
    }
    out
}

fn place_and_describe(a: &mut Assembly) {
    let iac = a.catalog.iac();
    let depth_of = |a: &Assembly, b: usize| -> usize {
        let mut d = 0;
        let mut cur = a.boundaries[b].parent;
        while let Some(p) = cur {
            d += 1;
            if d > 16 {
                break;
            }
            cur = a.boundaries.iter().find(|x| x.id == p).and_then(|x| x.parent);
        }
        d
    };
    for c in 0..a.components.len() {
        let ev = evidence(a, c);
        let mut notes: Vec<String> = Vec::new();
        let i = a.component_resource[c];
        let r = &a.resources[i];
        notes.push(format!("Imported from {}: {} ({}).", a.files[r.file], r.address, r.rtype));
        if let Some(cond) = &r.condition {
            notes.push(format!("Conditional: {cond}."));
        }
        // Placement: the deepest boundary named, first written first.
        let mut places: Vec<usize> = Vec::new();
        for &m in &ev {
            for t in a.refs_at(m, &[]) {
                if let Became::Boundary(b) = a.became[t]
                    && a.classes[t].is_boundary()
                    && !places.contains(&b)
                {
                    places.push(b);
                }
            }
        }
        if let Some(best) = places.iter().copied().max_by_key(|&b| (depth_of(a, b), usize::MAX - b)) {
            a.components[c].boundary = Some(a.boundaries[best].id);
            let depth = depth_of(a, best);
            let others: Vec<String> = places
                .iter()
                .filter(|&&b| b != best && depth_of(a, b) == depth)
                .map(|&b| a.boundaries[b].label.clone())
                .collect();
            if !others.is_empty() {
                notes.push(format!(
                    "Also in: {} (drawn in {}).",
                    others.join(", "),
                    a.boundaries[best].label
                ));
            }
        }
        // Internet exposure.
        let mut facing: Vec<String> = Vec::new();
        for &m in &ev {
            let mr = &a.resources[m];
            for rule in iac.internet_facing.iter().filter(|x| any_type_matches(&x.types, &mr.rtype)) {
                if all_hold(&mr.props, &rule.when, &rule.unless) && !facing.contains(&rule.says) {
                    facing.push(rule.says.clone());
                }
            }
        }
        if !facing.is_empty() {
            a.components[c].internet_facing = true;
            notes.push(format!("Internet-facing: {}.", facing.join("; ")));
        }
        // Encryption of traffic into it: every resource a rule speaks of (each listener, the
        // parameter group, the bucket policy) must say so.
        let mut enc: Vec<String> = Vec::new();
        let mut plain: Vec<String> = Vec::new();
        for &m in &ev {
            let mr = &a.resources[m];
            let rules: Vec<_> =
                iac.encrypted_in_transit.iter().filter(|x| any_type_matches(&x.types, &mr.rtype)).collect();
            if rules.is_empty() {
                continue;
            }
            match rules.iter().find(|x| all_hold(&mr.props, &x.when, &x.unless)) {
                Some(rule) => {
                    if !enc.contains(&rule.says) {
                        enc.push(rule.says.clone());
                    }
                }
                None => plain.push(mr.address.clone()),
            }
        }
        if !plain.is_empty() {
            if !enc.is_empty() {
                notes.push(format!(
                    "Traffic into it is not all encrypted: {} does not say so, though {}.",
                    plain.join(", "),
                    enc.join("; ")
                ));
            }
            enc.clear();
        } else if !enc.is_empty() {
            notes.push(format!("Traffic into it is encrypted: {}.", enc.join("; ")));
        }
        a.encrypted_into[c] = enc;
        // Data classification from a tag, else assumed.
        let props = &a.resources[i].props;
        let found =
            iac.classification_tags.iter().find_map(|k| tag(props, k).map(|v| (k.clone(), v.to_string())));
        match found {
            Some((k, v)) => match v.trim().to_ascii_lowercase().parse::<DataClass>() {
                Ok(d) => {
                    a.components[c].data = d;
                    a.classified_by_tag[c] = true;
                    notes.push(format!("Data classification from its {k} tag."));
                }
                Err(_) => {
                    let shown = crate::text::sanitize(&v, crate::text::Lines::Escape).into_owned();
                    a.warnings.push(format!(
                        "{}: tag {k} = \"{shown}\" is not a classification ({}); assumed {}",
                        a.resources[i].address,
                        DataClass::IDS.join(", "),
                        DataClass::default()
                    ));
                    notes.push(format!(
                        "Data classification assumed ({}): its {k} tag says \"{shown}\", which is not one.",
                        DataClass::default()
                    ));
                }
            },
            None => notes.push(format!(
                "Data classification assumed ({}): no classification tag.",
                DataClass::default()
            )),
        }
        // What was folded into it, by name: findings about those resources find it.
        let folded: Vec<&str> = a.members[c][1..].iter().map(|&m| a.resources[m].address.as_str()).collect();
        if !folded.is_empty() {
            let shown: Vec<String> = folded
                .iter()
                .take(40)
                .map(|s| crate::text::sanitize(s, crate::text::Lines::Escape).into_owned())
                .collect();
            let more = if folded.len() > 40 {
                format!(" and {} more (see the import summary)", folded.len() - 40)
            } else {
                String::new()
            };
            notes.push(format!("Includes (folded): {}{more}.", shown.join(", ")));
        }
        a.components[c].notes = notes.join("\n");
    }
}

impl Class<'_> {
    /// Is it a boundary?
    pub fn is_boundary(&self) -> bool {
        matches!(self, Class::Boundary(_))
    }
}
