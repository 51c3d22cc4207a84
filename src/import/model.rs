//! What every reader produces: resources with their type, properties and references, in one
//! shape whatever the input (CloudFormation logical ids, Terraform addresses).

use super::tree::Node;
use crate::catalog::iac::FlowDirection;

/// One resource read from an input.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Which input (index into the import's files).
    pub file: usize,
    /// Logical id (CloudFormation) or address (Terraform).
    pub address: String,
    /// Resource type (`AWS::EC2::Instance`, `aws_instance`).
    pub rtype: String,
    /// Its properties (CloudFormation `Properties`, Terraform `values`).
    pub props: Node,
    /// What it names.
    pub refs: Vec<Reference>,
    /// Why it exists only sometimes (`created only when condition IsProd holds`).
    pub condition: Option<String>,
    /// Where it is written (line, column; 0 when unknown).
    pub line: u32,
    /// Column.
    pub col: u32,
    /// Made by a transform rather than written (`created by SAM for ...`).
    pub implicit: Option<String>,
}

/// A reference from one resource to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Dotted property path where it is written (`LoadBalancers.TargetGroupArn`).
    pub path: String,
    /// The resource named (logical id or address).
    pub target: String,
    /// Set by the reader when it knows which way traffic goes (a SAM event source).
    pub flow: Option<FlowDirection>,
    /// The connection's label, when the reader knows it.
    pub label: Option<String>,
}

impl Reference {
    /// A reference found at `path`.
    pub fn at(path: &str, target: &str) -> Reference {
        Reference { path: path.to_string(), target: target.to_string(), flow: None, label: None }
    }
}

/// A resource the reader left out, with why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Which input.
    pub file: usize,
    /// Address.
    pub address: String,
    /// Type.
    pub rtype: String,
    /// Why.
    pub reason: String,
}

/// What one reader gives back.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The resources to map.
    pub resources: Vec<Resource>,
    /// Resources left out by the reader (data sources, deletions, nested-stack stand-ins).
    pub skipped: Vec<Skipped>,
    /// Warnings with positions where there are some.
    pub warnings: Vec<String>,
    /// References found before their resource was read (SAM events): (address, reference).
    pub pending: Vec<(String, Reference)>,
}
