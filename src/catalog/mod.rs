//! The service catalog: for every AWS service, who owns each of the 13 layers (per variant) and
//! which to-dos fall to the customer. The format is documented in `assets/CATALOG.md`.

mod builtin;
pub mod compliance;
pub mod iac;
mod lint;
mod lint_compliance;
mod load;
mod search;

pub use lint::{LintIssue, lint};
pub use load::{USER_CATALOG_DIR_NOTE, user_catalog_dir};

use crate::vocab::{AwsPart, Category, Condition, Domain, Framework, Group, Layer, Owner, Priority};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
/// The catalog's lookups by id, on every component of every report: foldhash, seeded per process.
type FastMap<K, V> = foldhash::HashMap<K, V>;

/// One layer of a variant's stack: who owns it and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerEntry {
    /// Which layer.
    pub layer: Layer,
    /// Who owns it.
    pub owner: Owner,
    /// For shared layers: is AWS's part on by default or opt-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_part: Option<AwsPart>,
    /// One line in our own words; for shared layers, who does what.
    pub note: String,
}

/// All 13 layers of a variant, bottom to top; the type guarantees each layer once, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<LayerEntry>", into = "Vec<LayerEntry>")]
pub struct Stack(Vec<LayerEntry>);

impl Stack {
    /// The entry for one layer.
    pub fn get(&self, layer: Layer) -> &LayerEntry {
        &self.0[layer.index()]
    }

    /// The entries bottom (facilities) to top (data).
    pub fn entries(&self) -> &[LayerEntry] {
        &self.0
    }

    /// How many layers each owner has, in [`Owner::ALL`] order.
    pub fn owner_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for e in &self.0 {
            counts[e.owner as usize] += 1;
        }
        counts
    }
}

impl TryFrom<Vec<LayerEntry>> for Stack {
    type Error = String;
    fn try_from(entries: Vec<LayerEntry>) -> Result<Self, String> {
        let mut slots: Vec<Option<LayerEntry>> = vec![None; Layer::ALL.len()];
        for e in entries {
            let i = e.layer.index();
            if slots[i].is_some() {
                return Err(format!("layer `{}` is given twice", e.layer));
            }
            match (e.owner, e.aws_part) {
                (Owner::Shared, None) => {
                    return Err(format!(
                        "shared layer `{}` needs `aws_part: \"on-by-default\"` or `\"opt-in\"`",
                        e.layer
                    ));
                }
                (o, Some(_)) if o != Owner::Shared => {
                    return Err(format!("layer `{}` has `aws_part` but is not shared", e.layer));
                }
                _ => {}
            }
            slots[i] = Some(e);
        }
        let missing: Vec<&str> =
            Layer::ALL.iter().zip(&slots).filter(|(_, s)| s.is_none()).map(|(l, _)| l.id()).collect();
        if !missing.is_empty() {
            return Err(format!("missing layers: {}", missing.join(", ")));
        }
        Ok(Stack(slots.into_iter().flatten().collect()))
    }
}

impl From<Stack> for Vec<LayerEntry> {
    fn from(s: Stack) -> Self {
        s.0
    }
}

/// A launch or deployment mode that moves the line (ECS on EC2 or Fargate).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Stable id, `default` when the service has no variants.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Overrides the service's category for this variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Runs on premises or hardware the customer provides (Outposts, EKS Hybrid Nodes), so the
    /// infrastructure layers need not all be AWS's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub customer_site: bool,
    /// The 13 layers.
    pub layers: Stack,
}

/// A customer to-do from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Todo {
    /// Stable id, `service.slug` (e.g. `s3.block-public-access`).
    pub id: String,
    /// Short imperative title.
    pub title: String,
    /// What to do and why.
    pub detail: String,
    /// Checklist domain.
    pub domain: Domain,
    /// Priority.
    pub priority: Priority,
    /// Layers this to-do looks after.
    #[serde(default)]
    pub layers: Vec<Layer>,
    /// Security Hub CSPM control ids in the FSBP standard.
    #[serde(default)]
    pub controls: Vec<String>,
    /// Control ids that exist only in other standards (CIS, PCI DSS, NIST, ...).
    #[serde(default)]
    pub other_controls: Vec<String>,
    /// Prowler check ids.
    #[serde(default)]
    pub prowler: Vec<String>,
    /// Checkov check ids (`CKV_AWS_19`, `CKV2_AWS_6`) whose result says whether it is done,
    /// from Checkov's policy index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkov: Vec<String>,
    /// When it applies to a component.
    #[serde(default)]
    pub condition: Condition,
    /// Variants it is limited to; empty for all.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Requirements it addresses beyond those its controls' pages list, per framework version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requirements: compliance::Requirements,
}

impl Todo {
    /// Every control id, FSBP first.
    pub fn all_controls(&self) -> impl Iterator<Item = &str> {
        self.controls.iter().chain(&self.other_controls).map(String::as_str)
    }

    /// Does this to-do apply to the given variant id?
    pub fn applies_to_variant(&self, variant: &str) -> bool {
        self.variants.is_empty() || self.variants.iter().any(|v| v == variant)
    }
}

/// An AWS service in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable kebab-case id.
    pub id: String,
    /// Full name ("Amazon EC2").
    pub name: String,
    /// Short name for nodes ("EC2").
    pub short: String,
    /// Palette group.
    pub group: Group,
    /// Default category (a variant may override).
    pub category: Category,
    /// One-line description.
    pub description: String,
    /// Extra search words.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// AWS pages backing the stack and to-dos.
    pub sources: Vec<String>,
    /// At least one variant; one named `default` means "no variants".
    pub variants: Vec<Variant>,
    /// Customer to-dos.
    #[serde(default)]
    pub todos: Vec<Todo>,
    /// CloudFormation, SAM and Terraform resource types that are this service
    /// (`"AWS::S3::Bucket"`, `"aws_s3_bucket"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<String>,
    /// Rules that pick the variant (or claim a type shared with another service) from a
    /// resource's properties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_rules: Vec<iac::ResourceRule>,
}

impl Service {
    /// True when the launch mode moves the line (more than the implicit default).
    pub fn has_variants(&self) -> bool {
        !(self.variants.len() == 1 && self.variants[0].id == "default")
    }

    /// The variant with this id; `None` picks the first (default) variant.
    pub fn variant(&self, id: Option<&str>) -> Option<&Variant> {
        match id {
            None => self.variants.first(),
            Some(id) => self.variants.iter().find(|v| v.id == id),
        }
    }

    /// The category of a variant (its override, else the service's).
    pub fn category_of(&self, variant: &Variant) -> Category {
        variant.category.unwrap_or(self.category)
    }
}

/// A compliance programme: its customer duties and, where AWS publishes one, its service scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDef {
    /// Which programme.
    pub id: Framework,
    /// Human name.
    pub name: String,
    /// One line on what it asks of the customer.
    #[serde(default)]
    pub description: String,
    /// AWS pages backing the duties and the scope list.
    pub sources: Vec<String>,
    /// Service ids AWS lists as in scope; `None` when no list is modelled.
    #[serde(default)]
    pub in_scope: Option<Vec<String>>,
    /// Which AWS list `in_scope` copies and as of when ("HIPAA Eligible Services Reference,
    /// 18 April 2022"), shown with every out-of-scope warning.
    #[serde(default)]
    pub scope_as_of: String,
    /// Engines or features of in-scope services that the programme does not cover.
    #[serde(default)]
    pub exclusions: Vec<compliance::ScopeExclusion>,
    /// Duties that apply to the whole project when the programme is chosen.
    #[serde(default)]
    pub todos: Vec<Todo>,
}

/// One catalog file as written on disk.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Services in this file.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Account-wide to-dos.
    #[serde(default)]
    pub account: Vec<Todo>,
    /// Compliance programmes.
    #[serde(default)]
    pub frameworks: Vec<FrameworkDef>,
    /// Duties that come from the shape of the design (boundaries and connections), evaluated
    /// for every component with their condition.
    #[serde(default)]
    pub architecture: Option<Architecture>,
    /// What infrastructure code means: boundaries, helpers, ignored types, attributes.
    #[serde(default)]
    pub iac: Option<iac::IacKnowledge>,
    /// Services that do the same job, offered side by side by the app's Compare….
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Security Hub CSPM controls the to-dos name, with their related requirements.
    #[serde(default)]
    pub controls: Vec<compliance::ControlDef>,
    /// Framework versions and their requirements.
    #[serde(default)]
    pub framework_versions: Vec<compliance::FrameworkVersion>,
    /// Published mappings from scanner checks to requirements.
    #[serde(default)]
    pub check_mappings: Vec<compliance::CheckMapping>,
}

/// Services (or service variants) that can stand in for each other: what Compare… offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// What they do ("Run application code").
    pub name: String,
    /// `service` or `service/variant` ids.
    pub members: Vec<String>,
}

/// The architecture to-dos of one catalog file and the pages they come from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Architecture {
    /// AWS pages backing the to-dos.
    pub sources: Vec<String>,
    /// The to-dos (ids `architecture.<slug>`).
    pub todos: Vec<Todo>,
}

/// Where a service definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The embedded catalog file with this name.
    BuiltIn(&'static str),
    /// A user catalog file (path as given).
    User(String),
}

/// The merged catalog: built-in files plus any user files (a user service replaces a built-in one
/// with the same id).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    services: Vec<Service>,
    origins: Vec<Origin>,
    index: FastMap<String, usize>,
    account: Vec<Todo>,
    frameworks: Vec<FrameworkDef>,
    architecture: Vec<Todo>,
    architecture_sources: Vec<String>,
    todo_index: FastMap<String, (usize, usize)>,
    iac: iac::IacKnowledge,
    roles: Vec<Role>,
    controls: Vec<compliance::ControlDef>,
    control_index: FastMap<String, usize>,
    framework_versions: Vec<compliance::FrameworkVersion>,
    check_mappings: Vec<compliance::CheckMapping>,
}

impl Catalog {
    /// Every service, in catalog order (grouped as the files list them).
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.index.get(id).map(|&i| &self.services[i])
    }

    /// Where the service with this id was defined.
    pub fn origin(&self, id: &str) -> Option<&Origin> {
        self.index.get(id).map(|&i| &self.origins[i])
    }

    /// Account-wide to-dos (apply to every non-empty project).
    pub fn account_todos(&self) -> &[Todo] {
        &self.account
    }

    /// To-dos that come from the shape of the design: boundaries and connections.
    pub fn architecture_todos(&self) -> &[Todo] {
        &self.architecture
    }

    /// The pages the architecture to-dos come from.
    pub fn architecture_sources(&self) -> &[String] {
        &self.architecture_sources
    }

    /// What the catalog knows about infrastructure code beyond services' resource types.
    pub fn iac(&self) -> &iac::IacKnowledge {
        &self.iac
    }

    /// Every Security Hub control the catalog describes.
    pub fn controls(&self) -> &[compliance::ControlDef] {
        &self.controls
    }

    /// The control with this id.
    pub fn control(&self, id: &str) -> Option<&compliance::ControlDef> {
        self.control_index.get(id).map(|&i| &self.controls[i])
    }

    /// Every framework version (with its requirements).
    pub fn framework_versions(&self) -> &[compliance::FrameworkVersion] {
        &self.framework_versions
    }

    /// The framework version with this id.
    pub fn framework_version(&self, id: &str) -> Option<&compliance::FrameworkVersion> {
        self.framework_versions.iter().find(|f| f.id == id)
    }

    /// The published check-to-requirement mappings.
    pub fn check_mappings(&self) -> &[compliance::CheckMapping] {
        &self.check_mappings
    }

    /// The requirements a to-do addresses, per framework version: its controls' related
    /// requirements, its scanner checks' through published mappings, and its own.
    pub fn todo_requirements(&self, todo: &Todo) -> compliance::TodoRequirements {
        use compliance::RequirementSource as Src;
        let mut out = compliance::TodoRequirements::new();
        let mut add = |fw: &str, req: &str, src: Src| {
            out.entry(fw.to_string()).or_default().entry(req.to_string()).or_default().insert(src);
        };
        for c in todo.all_controls() {
            if let Some(def) = self.control(c) {
                for (fw, reqs) in &def.requirements {
                    for r in reqs {
                        add(fw, r, Src::Control(c.to_string()));
                    }
                }
            }
        }
        for m in &self.check_mappings {
            let checks: &[String] = match m.tool.as_str() {
                "prowler" => &todo.prowler,
                "checkov" => &todo.checkov,
                _ => &[],
            };
            for check in checks {
                for r in m.checks.get(check).into_iter().flatten() {
                    add(&m.framework, r, Src::Check(check.clone()));
                }
            }
        }
        for (fw, reqs) in &todo.requirements {
            for r in reqs {
                add(fw, r, Src::Todo);
            }
        }
        out
    }

    /// The roles: services that do the same job.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// What could stand in for a service (and variant): its other variants, then the members of
    /// every role it belongs to, each once, as (service, variant) pairs the catalog knows.
    pub fn alternatives(&self, service: &str, variant: Option<&str>) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        let push = |s: &str, v: Option<&str>, out: &mut Vec<(String, Option<String>)>| {
            let Some(svc) = self.service(s) else { return };
            let v = match v {
                Some(v) if svc.variants.iter().any(|x| x.id == v) => Some(v.to_string()),
                Some(_) => return,
                None => svc.has_variants().then(|| svc.variants[0].id.clone()),
            };
            let same = s == service
                && v.as_deref()
                    == variant.or_else(|| {
                        self.service(service)
                            .and_then(|x| x.has_variants().then(|| x.variants[0].id.as_str()))
                    });
            if !same && !out.iter().any(|(a, b)| a == s && *b == v) {
                out.push((s.to_string(), v));
            }
        };
        if let Some(svc) = self.service(service).filter(|s| s.has_variants()) {
            for v in &svc.variants {
                push(service, Some(&v.id), &mut out);
            }
        }
        for role in &self.roles {
            let is_member = role.members.iter().any(|m| m.split('/').next() == Some(service));
            if !is_member {
                continue;
            }
            for m in &role.members {
                let (s, v) = match m.split_once('/') {
                    Some((s, v)) => (s, Some(v)),
                    None => (m.as_str(), None),
                };
                push(s, v, &mut out);
            }
        }
        out
    }

    /// The services that list a resource type, in catalog order.
    pub fn services_for_type<'a>(&'a self, rtype: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services.iter().filter(move |s| s.resource_types.iter().any(|t| iac::type_matches(t, rtype)))
    }

    /// Every compliance programme defined.
    pub fn frameworks(&self) -> &[FrameworkDef] {
        &self.frameworks
    }

    /// The definition of one programme.
    pub fn framework(&self, id: Framework) -> Option<&FrameworkDef> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// A service to-do by id (`ec2.imdsv2`), with its service.
    pub fn service_todo(&self, id: &str) -> Option<(&Service, &Todo)> {
        self.todo_index.get(id).map(|&(s, t)| {
            let svc = &self.services[s];
            (svc, &svc.todos[t])
        })
    }

    /// Who already uses a to-do id: `service `x``, `account`, `architecture` or
    /// `framework `y``.
    fn todo_owner(&self, id: &str) -> Option<String> {
        if let Some((svc, _)) = self.service_todo(id) {
            return Some(format!("service `{}`", svc.id));
        }
        if self.account.iter().any(|t| t.id == id) {
            return Some("account".into());
        }
        if self.architecture.iter().any(|t| t.id == id) {
            return Some("architecture".into());
        }
        self.frameworks
            .iter()
            .find(|f| f.todos.iter().any(|t| t.id == id))
            .map(|f| format!("framework `{}`", f.id))
    }

    /// Adds (or replaces, by id) the contents of one file.
    fn merge(&mut self, file: CatalogFile, origin: Origin) {
        for svc in file.services {
            match self.index.get(&svc.id) {
                Some(&i) => {
                    self.services[i] = svc;
                    self.origins[i] = origin.clone();
                }
                None => {
                    self.index.insert(svc.id.clone(), self.services.len());
                    self.services.push(svc);
                    self.origins.push(origin.clone());
                }
            }
        }
        for todo in file.account {
            match self.account.iter_mut().find(|t| t.id == todo.id) {
                Some(t) => *t = todo,
                None => self.account.push(todo),
            }
        }
        if let Some(arch) = file.architecture {
            for todo in arch.todos {
                match self.architecture.iter_mut().find(|t| t.id == todo.id) {
                    Some(t) => *t = todo,
                    None => self.architecture.push(todo),
                }
            }
            for src in arch.sources {
                if !self.architecture_sources.contains(&src) {
                    self.architecture_sources.push(src);
                }
            }
        }
        if let Some(iac) = file.iac {
            self.iac.merge_before(iac);
        }
        for role in file.roles {
            match self.roles.iter_mut().find(|r| r.name == role.name) {
                Some(r) => *r = role,
                None => self.roles.push(role),
            }
        }
        for fw in file.frameworks {
            match self.frameworks.iter_mut().find(|f| f.id == fw.id) {
                Some(f) => *f = fw,
                None => self.frameworks.push(fw),
            }
        }
        for c in file.controls {
            match self.control_index.get(&c.id) {
                Some(&i) => self.controls[i] = c,
                None => {
                    self.control_index.insert(c.id.clone(), self.controls.len());
                    self.controls.push(c);
                }
            }
        }
        for v in file.framework_versions {
            match self.framework_versions.iter_mut().find(|f| f.id == v.id) {
                Some(f) => *f = v,
                None => self.framework_versions.push(v),
            }
        }
        for m in file.check_mappings {
            match self.check_mappings.iter_mut().find(|x| x.framework == m.framework && x.tool == m.tool) {
                Some(x) => *x = m,
                None => self.check_mappings.push(m),
            }
        }
        self.reindex_todos();
    }

    fn reindex_todos(&mut self) {
        self.todo_index.clear();
        for (s, svc) in self.services.iter().enumerate() {
            for (t, todo) in svc.todos.iter().enumerate() {
                self.todo_index.entry(todo.id.clone()).or_insert((s, t));
            }
        }
    }
}
