//! The shared vocabulary of `../shared/design.md`: layers, owners, categories, groups, to-do
//! domains, priorities, data classes, statuses and conditions.
//!
//! Every value is written as its kebab-case id in RON, JSON and on the command line, so each enum
//! here (de)serialises as a plain string and parses with [`std::str::FromStr`].

use std::fmt;
use std::str::FromStr;

/// Error for a string that is not one of an enum's ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// What kind of value was expected (e.g. "layer").
    pub kind: &'static str,
    /// The string given.
    pub given: String,
    /// The accepted ids.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}` (expected one of: {})", self.kind, self.given, self.expected.join(", "))
    }
}

impl std::error::Error for UnknownId {}

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($(#[$vmeta:meta])* $variant:ident => $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// Every id, in declaration order.
            pub const IDS: &'static [&'static str] = &[$($id,)+];

            /// The kebab-case id of this value.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, UnknownId> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err(UnknownId { kind: $kind, given: s.to_string(), expected: Self::IDS }),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocab!(
    /// One of the 13 layers of the responsibility stack, bottom (facilities) to top (data).
    Layer, "layer", {
        /// Regions, AZs, edge locations, data centres and their physical security.
        Facilities => "facilities",
        /// Servers, storage and network hardware; the global network.
        Hardware => "hardware",
        /// Hypervisor and tenant isolation.
        Virtualization => "virtualization",
        /// The host operating system under the service.
        HostOs => "host-os",
        /// The operating system the workload runs on.
        GuestOs => "guest-os",
        /// Runtime and middleware: database engine, language runtime, orchestrator.
        Platform => "platform",
        /// The customer's code, images, functions and dependencies.
        Application => "application",
        /// VPC, subnets, security groups, endpoints, public exposure.
        NetworkConfig => "network-config",
        /// IAM and resource policies, credentials, MFA, federation.
        Identity => "identity",
        /// TLS and integrity of traffic.
        EncryptionInTransit => "encryption-in-transit",
        /// Server-side encryption at rest; key choice and rotation.
        EncryptionAtRest => "encryption-at-rest",
        /// Encrypting data before it reaches AWS.
        ClientSideEncryption => "client-side-encryption",
        /// The data itself: classification, retention, backups, residency.
        Data => "data",
    }
);

impl Layer {
    /// A short human title ("Guest OS").
    pub fn title(self) -> &'static str {
        match self {
            Layer::Facilities => "Facilities",
            Layer::Hardware => "Hardware",
            Layer::Virtualization => "Virtualization",
            Layer::HostOs => "Host OS",
            Layer::GuestOs => "Guest OS",
            Layer::Platform => "Platform",
            Layer::Application => "Application",
            Layer::NetworkConfig => "Network config",
            Layer::Identity => "Identity",
            Layer::EncryptionInTransit => "Encryption in transit",
            Layer::EncryptionAtRest => "Encryption at rest",
            Layer::ClientSideEncryption => "Client-side encryption",
            Layer::Data => "Data",
        }
    }

    /// Position in the stack, 0 = facilities.
    pub fn index(self) -> usize {
        self as usize
    }
}

vocab!(
    /// Who owns a layer.
    Owner, "owner", {
        /// AWS secures it.
        Aws => "aws",
        /// The customer secures it.
        Customer => "customer",
        /// Both have a part; the note says who does what.
        Shared => "shared",
        /// Nothing to secure in this layer for this service.
        NotApplicable => "not-applicable",
    }
);

impl Owner {
    /// A short human title ("AWS", "Customer", "Shared", "N/A").
    pub fn title(self) -> &'static str {
        match self {
            Owner::Aws => "AWS",
            Owner::Customer => "Customer",
            Owner::Shared => "Shared",
            Owner::NotApplicable => "N/A",
        }
    }

    /// Display colour, the one the app and the HTML report both use (Okabe–Ito palette,
    /// readable with colour-blindness; always shown with the letter too): AWS blue, customer
    /// orange, shared reddish purple, n/a grey.
    pub const fn rgb(self) -> [u8; 3] {
        match self {
            Owner::Aws => [0x00, 0x72, 0xB2],
            Owner::Customer => [0xE6, 0x9F, 0x00],
            Owner::Shared => [0xCC, 0x79, 0xA7],
            Owner::NotApplicable => [0x8A, 0x8A, 0x8A],
        }
    }

    /// Whether text on [`Owner::rgb`] should be white (else black) to read well.
    pub const fn light_text(self) -> bool {
        matches!(self, Owner::Aws)
    }

    /// One letter, so the owner reads without colour ("A", "C", "S", "–").
    pub fn letter(self) -> &'static str {
        match self {
            Owner::Aws => "A",
            Owner::Customer => "C",
            Owner::Shared => "S",
            Owner::NotApplicable => "-",
        }
    }
}

vocab!(
    /// For a shared layer: whether AWS's part works by default or must be switched on.
    AwsPart, "aws_part", {
        /// AWS's part is on without the customer doing anything.
        OnByDefault => "on-by-default",
        /// The customer must switch AWS's part on (or choose it at creation).
        OptIn => "opt-in",
    }
);

vocab!(
    /// The AWS shared-responsibility category of a service.
    Category, "category", {
        /// The customer runs the guest OS and everything above it.
        Infrastructure => "infrastructure",
        /// AWS runs the OS and platform; the customer configures, protects and backs up.
        Container => "container",
        /// AWS runs everything but data, access policies and client-side encryption.
        Abstracted => "abstracted",
    }
);

vocab!(
    /// The AWS service group a service is listed under in the palette.
    Group, "group", {
        /// Compute.
        Compute => "compute",
        /// Containers.
        Containers => "containers",
        /// Storage.
        Storage => "storage",
        /// Databases.
        Database => "database",
        /// Networking and content delivery.
        Networking => "networking",
        /// Application integration.
        Integration => "integration",
        /// Analytics.
        Analytics => "analytics",
        /// Machine learning.
        MachineLearning => "machine-learning",
        /// Security, identity and compliance.
        Security => "security",
        /// Management and governance.
        Management => "management",
        /// Developer tools.
        DeveloperTools => "developer-tools",
        /// Migration, transfer and resilience.
        Migration => "migration",
        /// Internet of Things.
        Iot => "iot",
        /// End-user computing.
        EndUserComputing => "end-user-computing",
        /// Business applications.
        BusinessApplications => "business-applications",
    }
);

impl Group {
    /// Human title of the group.
    pub fn title(self) -> &'static str {
        match self {
            Group::Compute => "Compute",
            Group::Containers => "Containers",
            Group::Storage => "Storage",
            Group::Database => "Database",
            Group::Networking => "Networking & content delivery",
            Group::Integration => "Application integration",
            Group::Analytics => "Analytics",
            Group::MachineLearning => "Machine learning",
            Group::Security => "Security, identity & compliance",
            Group::Management => "Management & governance",
            Group::DeveloperTools => "Developer tools",
            Group::Migration => "Migration & resilience",
            Group::Iot => "Internet of Things",
            Group::EndUserComputing => "End-user computing",
            Group::BusinessApplications => "Business applications",
        }
    }
}

vocab!(
    /// The domain a to-do belongs to (the checklist groups by it).
    Domain, "domain", {
        /// Identity and access.
        Identity => "identity",
        /// Data protection and encryption.
        DataProtection => "data-protection",
        /// Network.
        Network => "network",
        /// Compute hardening and patching.
        ComputeHardening => "compute-hardening",
        /// Logging and monitoring.
        LoggingMonitoring => "logging-monitoring",
        /// Resilience and backup.
        Resilience => "resilience",
        /// Governance and compliance.
        GovernanceCompliance => "governance-compliance",
        /// Application security.
        ApplicationSecurity => "application-security",
    }
);

impl Domain {
    /// Human title of the domain.
    pub fn title(self) -> &'static str {
        match self {
            Domain::Identity => "Identity & access",
            Domain::DataProtection => "Data protection",
            Domain::Network => "Network",
            Domain::ComputeHardening => "Compute hardening",
            Domain::LoggingMonitoring => "Logging & monitoring",
            Domain::Resilience => "Resilience",
            Domain::GovernanceCompliance => "Governance & compliance",
            Domain::ApplicationSecurity => "Application security",
        }
    }
}

vocab!(
    /// Priority of a to-do; declaration order is most urgent first.
    Priority, "priority", {
        /// Do first.
        Critical => "critical",
        /// High.
        High => "high",
        /// Medium.
        Medium => "medium",
        /// Low.
        Low => "low",
    }
);

vocab!(
    /// How sensitive a component's data is.
    DataClass, "data classification", {
        /// Public data.
        Public => "public",
        /// Internal data (the default).
        Internal => "internal",
        /// Confidential data.
        Confidential => "confidential",
        /// Regulated data (health, card, personal data under law).
        Regulated => "regulated",
    }
);

#[allow(clippy::derivable_impls)] // the enum is declared through a macro
impl Default for DataClass {
    fn default() -> Self {
        DataClass::Internal
    }
}

vocab!(
    /// Progress of a checklist item.
    Status, "status", {
        /// Not started.
        Open => "open",
        /// Someone is on it.
        InProgress => "in-progress",
        /// Done.
        Done => "done",
        /// Judged not to apply.
        NotApplicable => "not-applicable",
    }
);

#[allow(clippy::derivable_impls)] // the enum is declared through a macro
impl Default for Status {
    fn default() -> Self {
        Status::Open
    }
}

impl Status {
    /// Human title of the status.
    pub fn title(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::NotApplicable => "Not applicable",
        }
    }
}

vocab!(
    /// When a service to-do applies to a component (see `assets/CATALOG.md`).
    Condition, "condition", {
        /// Always.
        Always => "always",
        /// The component is internet-facing.
        InternetFacing => "internet-facing",
        /// Internet-facing, or reached from an internet-facing component.
        InternetTraffic => "internet-traffic",
        /// The component is not internet-facing.
        NotInternetFacing => "not-internet-facing",
        /// Holds confidential or regulated data.
        ConfidentialData => "confidential-data",
        /// Holds regulated data.
        RegulatedData => "regulated-data",
        /// An unencrypted connection reaches it from an internet-facing component.
        UnencryptedFromInternet => "unencrypted-from-internet",
        /// Any connection to or from it is unencrypted.
        UnencryptedConnection => "unencrypted-connection",
        /// It has at least one connection.
        HasConnections => "has-connections",
        /// It sits in a public subnet (its boundary or one around it is a `public-subnet`).
        InPublicSubnet => "in-public-subnet",
        /// A connection reaches it from outside its innermost account, VPC, on-premises or
        /// trust-zone boundary.
        CrossesBoundary => "crosses-boundary",
        /// Such a boundary-crossing connection is unencrypted.
        UnencryptedAcrossBoundary => "unencrypted-across-boundary",
        /// A connection joins it to a component in another account.
        CrossAccount => "cross-account",
        /// A connection joins it to a component in an on-premises boundary.
        OnPremisesLink => "on-premises-link",
    }
);

#[allow(clippy::derivable_impls)] // the enum is declared through a macro
impl Default for Condition {
    fn default() -> Self {
        Condition::Always
    }
}

vocab!(
    /// What a boundary on the canvas stands for (design.md, "Project format 2").
    BoundaryKind, "boundary kind", {
        /// An AWS account.
        Account => "account",
        /// An AWS Region.
        Region => "region",
        /// An Amazon VPC (has the `vpc` service's stack and to-dos).
        Vpc => "vpc",
        /// An Availability Zone.
        AvailabilityZone => "availability-zone",
        /// A subnet whose route table leads to an internet gateway.
        PublicSubnet => "public-subnet",
        /// A subnet with no route to an internet gateway.
        PrivateSubnet => "private-subnet",
        /// A data centre or office outside AWS.
        OnPremises => "on-premises",
        /// Any other zone of trust the team draws (a partner, a PCI segment).
        TrustZone => "trust-zone",
    }
);

impl BoundaryKind {
    /// Human title ("Public subnet").
    pub fn title(self) -> &'static str {
        match self {
            BoundaryKind::Account => "AWS account",
            BoundaryKind::Region => "Region",
            BoundaryKind::Vpc => "VPC",
            BoundaryKind::AvailabilityZone => "Availability Zone",
            BoundaryKind::PublicSubnet => "Public subnet",
            BoundaryKind::PrivateSubnet => "Private subnet",
            BoundaryKind::OnPremises => "On-premises",
            BoundaryKind::TrustZone => "Trust zone",
        }
    }

    /// True for the kinds a connection crosses when it enters or leaves them (design.md:
    /// account, VPC, on-premises, trust zone).
    pub fn is_zone(self) -> bool {
        matches!(
            self,
            BoundaryKind::Account | BoundaryKind::Vpc | BoundaryKind::OnPremises | BoundaryKind::TrustZone
        )
    }

    /// The outline colour AWS architecture diagrams give this kind of group, as sRGB (the AWS
    /// Architecture Icons group styles, as diagrams.net's AWS 2023 shapes carry them): account
    /// pink, Region teal, AZ blue, VPC purple, public subnet green, private subnet teal-blue,
    /// corporate data centre grey, and the security-group red for a trust zone.
    pub const fn rgb(self) -> [u8; 3] {
        match self {
            BoundaryKind::Account => [0xCD, 0x22, 0x64],
            BoundaryKind::Region => [0x00, 0xA4, 0xA6],
            BoundaryKind::Vpc => [0x8C, 0x4F, 0xFF],
            BoundaryKind::AvailabilityZone => [0x14, 0x7E, 0xBA],
            BoundaryKind::PublicSubnet => [0x7A, 0xA1, 0x16],
            BoundaryKind::PrivateSubnet => [0x00, 0xA4, 0xA6],
            BoundaryKind::OnPremises => [0x7D, 0x89, 0x98],
            BoundaryKind::TrustZone => [0xDD, 0x35, 0x22],
        }
    }

    /// Drawn with a dashed outline (AWS diagrams dash Availability Zones and generic groups).
    pub fn dashed(self) -> bool {
        matches!(self, BoundaryKind::AvailabilityZone | BoundaryKind::Region | BoundaryKind::TrustZone)
    }

    /// The light fill AWS diagrams give subnets (public green, private blue); `None` for the
    /// kinds drawn as outlines only.
    pub const fn tint(self) -> Option<[u8; 3]> {
        match self {
            BoundaryKind::PublicSubnet => Some([0xF2, 0xF6, 0xE8]),
            BoundaryKind::PrivateSubnet => Some([0xE6, 0xF6, 0xF7]),
            _ => None,
        }
    }
}

vocab!(
    /// A compliance programme a project can be scoped to.
    Framework, "compliance framework", {
        /// HIPAA (US health data).
        Hipaa => "hipaa",
        /// PCI DSS (card data).
        PciDss => "pci-dss",
        /// ISO/IEC 27001.
        Iso27001 => "iso-27001",
        /// SOC 2.
        Soc2 => "soc-2",
        /// EU GDPR.
        Gdpr => "gdpr",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_strings() {
        for l in Layer::ALL {
            assert_eq!(l.id().parse::<Layer>().unwrap(), *l);
        }
        assert_eq!(Layer::ALL.len(), 13);
        assert_eq!(Layer::ALL[Layer::HostOs.index()], Layer::HostOs);
        let e = "host_os".parse::<Layer>().unwrap_err();
        assert!(e.to_string().contains("host-os"), "{e}");
    }

    #[test]
    fn serialises_as_kebab_string() {
        assert_eq!(serde_json::to_string(&Owner::NotApplicable).unwrap(), "\"not-applicable\"");
        let o: Owner = ron::from_str("\"shared\"").unwrap();
        assert_eq!(o, Owner::Shared);
        assert!(ron::from_str::<Owner>("\"both\"").is_err());
    }
}
