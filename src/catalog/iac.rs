//! What the catalog knows about infrastructure code: which CloudFormation and Terraform resource
//! types are which service (on [`Service`](super::Service): `resource_types`, `resource_rules`),
//! and, in the `iac` section, which types are boundaries, helpers folded into the component they
//! serve, or ignored, and which properties say a component faces the internet or a connection is
//! encrypted. The importer (`crate::import`) reads only this; no resource type is named in code.
//!
//! Type names may end in `*` to match every type with that prefix (`Custom::*`).

use serde::{Deserialize, Serialize};

/// A test on a resource's properties (CloudFormation `Properties`, Terraform `values`).
///
/// `path` is dotted (`Scheme`, `NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp`); a
/// list met on the way is searched element by element. The test holds when some value at the
/// path passes every check given; with no check it holds when the path has a value, and with
/// `present: false` when it has none. Comparisons ignore ASCII case.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyTest {
    /// Where to look.
    pub path: String,
    /// The value is this (strings, numbers and booleans compare by their text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// The value is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    /// The value starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Some text in the value (a key or a string, nested or inside a JSON string) contains this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<String>,
    /// The value holds this entry: a map key with that value, or a list element with `name` and
    /// `value` fields equal to them (both ways parameter groups are written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<(String, String)>,
    /// `Some(false)`: the path has no value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
}

/// On a service: resources of these types are this service with this variant when every test
/// holds. A service that has rules for a type claims a resource of it only through a rule; the
/// first rule that holds picks the variant (`None`: the default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceRule {
    /// Resource types the rule is for (each also in the service's `resource_types`).
    pub types: Vec<String>,
    /// Tests that must all hold.
    #[serde(default)]
    pub when: Vec<PropertyTest>,
    /// Tests none of which may hold.
    #[serde(default)]
    pub unless: Vec<PropertyTest>,
    /// The variant it picks.
    #[serde(default)]
    pub variant: Option<String>,
}

/// The `iac` section of a catalog file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IacKnowledge {
    /// Pages the facts come from (resource references of CloudFormation, SAM and Terraform).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Types that become boundaries.
    #[serde(default)]
    pub boundaries: Vec<BoundaryRule>,
    /// Types folded into the component (or boundary) they serve.
    #[serde(default)]
    pub helpers: Vec<HelperRule>,
    /// Types left out, each with why.
    #[serde(default)]
    pub ignored: Vec<IgnoreRule>,
    /// Tests that make the component a resource is (or is folded into) internet-facing.
    #[serde(default)]
    pub internet_facing: Vec<AttributeRule>,
    /// Tests that make traffic into the component a resource is (or is folded into) encrypted.
    #[serde(default)]
    pub encrypted_in_transit: Vec<AttributeRule>,
    /// Which way traffic goes along a reference, where not from the referrer to the target.
    #[serde(default)]
    pub flows: Vec<FlowRule>,
    /// Security-group rules: who admits whom.
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
    /// Routes to an internet gateway that make a subnet public.
    #[serde(default)]
    pub public_routes: Vec<RouteRule>,
    /// Route tables bound to subnets.
    #[serde(default)]
    pub route_associations: Vec<RouteAssociationRule>,
    /// SAM function events: where each kind names its source.
    #[serde(default)]
    pub sam_events: Vec<SamEventRule>,
    /// Tag keys read as the data classification, first found wins.
    #[serde(default)]
    pub classification_tags: Vec<String>,
    /// Tag keys read as the label.
    #[serde(default)]
    pub label_tags: Vec<String>,
}

/// Resources of these types become a boundary of this kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryRule {
    /// Resource types.
    pub types: Vec<String>,
    /// Boundary kind (`vpc`, `private-subnet`, ...).
    pub kind: String,
    /// The kind instead when any of `public_when` holds or a public route serves the subnet.
    #[serde(default)]
    pub public_kind: Option<String>,
    /// Tests that make it public.
    #[serde(default)]
    pub public_when: Vec<PropertyTest>,
    /// Properties that name the boundary it sits in (`VpcId`).
    #[serde(default)]
    pub parent: Vec<String>,
    /// Property giving its Availability Zone, shown in the label.
    #[serde(default)]
    pub zone: Option<String>,
}

/// Resources of these types are folded into what they serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelperRule {
    /// Resource types.
    pub types: Vec<String>,
    /// Tests that must all hold for the type to be a helper (an Aurora instance is one when it
    /// names its cluster); none: always. Helpers are looked for before services.
    #[serde(default)]
    pub when: Vec<PropertyTest>,
    /// Why it is folded, for the summary ("IAM role: part of the component's identity layer").
    pub reason: String,
    /// Properties that name what it serves (a listener's `LoadBalancerArn`). Without them it
    /// serves whoever names it, else what it names.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Traffic passes through it (listener, target group, event source mapping): components it
    /// links are connected; other helpers (roles, groups) never link components.
    #[serde(default)]
    pub carries_traffic: bool,
    /// It is a security group (its members are who names it).
    #[serde(default)]
    pub security_group: bool,
    /// It lets the component it is folded into use what it names (an IAM policy naming a table): a
    /// connection from that component to each component named.
    #[serde(default)]
    pub grants: bool,
    /// Folded into a component of a service with this variant, it picks the variant (an EKS
    /// node group makes its cluster `managed-nodes`).
    #[serde(default)]
    pub sets_variant: Option<String>,
    /// The service it becomes when it serves no component (an ECS cluster with no service).
    #[serde(default)]
    pub otherwise: Option<String>,
}

/// Resources of these types are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// Resource types (`Custom::*`).
    pub types: Vec<String>,
    /// Why, for the summary.
    pub reason: String,
}

/// When every test holds on a resource of these types, the attribute is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeRule {
    /// Resource types.
    pub types: Vec<String>,
    /// Tests that must all hold (none: always).
    #[serde(default)]
    pub when: Vec<PropertyTest>,
    /// Tests none of which may hold.
    #[serde(default)]
    pub unless: Vec<PropertyTest>,
    /// What the code says, in the summary and the component's notes.
    pub says: String,
}

/// Along references from these types at this property, traffic goes the other way (the target
/// group a service names sends it traffic), or there is no traffic at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowRule {
    /// Resource types.
    pub types: Vec<String>,
    /// Property (a prefix of the reference's path).
    pub path: String,
    /// `to-referrer`: traffic flows from the target to the referrer; `none`: no traffic.
    pub flow: FlowDirection,
    /// What flows, as the connection's label.
    #[serde(default)]
    pub label: String,
}

/// See [`FlowRule`]; written as a string (`"to-referrer"`, `"none"`) like every catalog word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum FlowDirection {
    /// From the named resource to the one naming it.
    ToReferrer,
    /// No traffic along this reference.
    None,
}

impl TryFrom<String> for FlowDirection {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "to-referrer" => Ok(FlowDirection::ToReferrer),
            "none" => Ok(FlowDirection::None),
            _ => Err(format!("unknown flow `{s}` (expected one of: to-referrer, none)")),
        }
    }
}

impl From<FlowDirection> for &'static str {
    fn from(f: FlowDirection) -> Self {
        match f {
            FlowDirection::ToReferrer => "to-referrer",
            FlowDirection::None => "none",
        }
    }
}

/// A security-group rule: the group it belongs to admits traffic from another group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// Resource types (a rule resource, or a group with inline rules).
    pub types: Vec<String>,
    /// For inline rules: the list property holding them (`SecurityGroupIngress`, `ingress`);
    /// empty for a rule resource.
    #[serde(default)]
    pub list: String,
    /// For a rule resource: the property naming the group it belongs to.
    #[serde(default)]
    pub group: String,
    /// The property naming the group admitted.
    pub source: String,
    /// The property holding the first port.
    #[serde(default)]
    pub port: String,
    /// Tests on the rule that must hold (an `aws_security_group_rule` of `type = "ingress"`).
    #[serde(default)]
    pub when: Vec<PropertyTest>,
}

/// A route to an internet gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRule {
    /// Resource types (a route, or a route table with inline routes).
    pub types: Vec<String>,
    /// For inline routes: the list property holding them; empty for a route resource.
    #[serde(default)]
    pub list: String,
    /// For a route resource: the property naming its route table.
    #[serde(default)]
    pub table: String,
    /// The property naming the gateway.
    pub gateway: String,
    /// Types of gateway that reach the internet.
    pub gateway_types: Vec<String>,
}

/// A route table's binding to a subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteAssociationRule {
    /// Resource types.
    pub types: Vec<String>,
    /// The property naming the subnet.
    pub subnet: String,
    /// The property naming the route table.
    pub table: String,
}

/// A kind of SAM function event and where it names its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamEventRule {
    /// Event `Type` values (`SQS`, `Api`).
    pub kinds: Vec<String>,
    /// The event property naming the source (`Queue`, `RestApiId`).
    #[serde(default)]
    pub source: String,
    /// When the source is not named: the resource SAM creates (logical id and type), shared by
    /// every such event of the template (`ServerlessRestApi`), or one per event when `id` is
    /// empty (a schedule's rule, named function + event).
    #[serde(default)]
    pub implicit: Option<(String, String)>,
    /// The connection's label.
    #[serde(default)]
    pub label: String,
}

impl IacKnowledge {
    /// Puts `other`'s rules before this one's (a later file, such as a user catalog, wins where
    /// both speak of a type) and adds its sources and tags.
    pub fn merge_before(&mut self, other: IacKnowledge) {
        fn front<T>(mine: &mut Vec<T>, theirs: Vec<T>) {
            let old = std::mem::replace(mine, theirs);
            mine.extend(old);
        }
        front(&mut self.boundaries, other.boundaries);
        front(&mut self.helpers, other.helpers);
        front(&mut self.ignored, other.ignored);
        front(&mut self.internet_facing, other.internet_facing);
        front(&mut self.encrypted_in_transit, other.encrypted_in_transit);
        front(&mut self.flows, other.flows);
        front(&mut self.security_group_rules, other.security_group_rules);
        front(&mut self.public_routes, other.public_routes);
        front(&mut self.route_associations, other.route_associations);
        front(&mut self.sam_events, other.sam_events);
        front(&mut self.classification_tags, other.classification_tags);
        front(&mut self.label_tags, other.label_tags);
        for s in other.sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
    }
}

/// Does `pattern` (a type name, or a prefix ending in `*`) match `rtype`?
pub fn type_matches(pattern: &str, rtype: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => rtype.starts_with(prefix),
        None => pattern == rtype,
    }
}

/// Does any pattern of `types` match `rtype`?
pub fn any_type_matches(types: &[String], rtype: &str) -> bool {
    types.iter().any(|p| type_matches(p, rtype))
}
