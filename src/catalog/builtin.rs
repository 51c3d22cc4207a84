//! The catalog files embedded in the binary, in palette order.

/// `(file name, contents)` of every built-in catalog file.
pub(super) const FILES: &[(&str, &str)] = &[
    ("account.ron", include_str!("../../assets/catalog/account.ron")),
    ("architecture.ron", include_str!("../../assets/catalog/architecture.ron")),
    ("compute.ron", include_str!("../../assets/catalog/compute.ron")),
    ("containers.ron", include_str!("../../assets/catalog/containers.ron")),
    ("storage.ron", include_str!("../../assets/catalog/storage.ron")),
    ("databases.ron", include_str!("../../assets/catalog/databases.ron")),
    ("networking.ron", include_str!("../../assets/catalog/networking.ron")),
    ("integration.ron", include_str!("../../assets/catalog/integration.ron")),
    ("analytics.ron", include_str!("../../assets/catalog/analytics.ron")),
    ("machine-learning.ron", include_str!("../../assets/catalog/machine-learning.ron")),
    ("security.ron", include_str!("../../assets/catalog/security.ron")),
    ("management.ron", include_str!("../../assets/catalog/management.ron")),
    ("end-user-computing.ron", include_str!("../../assets/catalog/end-user-computing.ron")),
    ("iac.ron", include_str!("../../assets/catalog/iac.ron")),
    ("roles.ron", include_str!("../../assets/catalog/roles.ron")),
];
