//! Roles in a project: leads, reviewers and annotators, and what each may do.
//!
//! The names come from `[roles]` in `quorum.toml`. These are checks in the program, not
//! a security boundary; docs/security.md says what they cannot stop.

use super::task::TaskSpec;

/// Who leads and who reviews; everyone else is an annotator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roles {
    pub leads: Vec<String>,
    pub reviewers: Vec<String>,
}

/// The role a name has in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Reviewer,
    Annotator,
}

/// Something only some roles may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Annotate under another name (`quorum annotate --as`): leads only.
    ActAsOther,
    /// See annotator quality and adjudicate disagreements: leads and reviewers.
    Review,
    /// See the team's agreement figures: leads, reviewers, and annotators when
    /// `show_agreement_to_annotators` is on.
    SeeAgreement,
}

impl Roles {
    /// Whether any lead is listed. A project without leads has roles turned off.
    pub fn is_enabled(&self) -> bool {
        !self.leads.is_empty()
    }

    pub fn role_of(&self, name: &str) -> Role {
        if self.leads.iter().any(|l| l == name) {
            Role::Lead
        } else if self.reviewers.iter().any(|r| r == name) {
            Role::Reviewer
        } else {
            Role::Annotator
        }
    }
}

impl TaskSpec {
    /// Whether `name` may do `what`. With roles turned off (no `[roles] leads`),
    /// everyone may do everything, as in a one-person project.
    pub fn permits(&self, name: &str, what: Permission) -> bool {
        if !self.roles.is_enabled() {
            return true;
        }
        let role = self.roles.role_of(name);
        match what {
            Permission::ActAsOther => role == Role::Lead,
            Permission::Review => role != Role::Annotator,
            Permission::SeeAgreement => role != Role::Annotator || self.show_agreement_to_annotators,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_permissions() {
        let text = "[task]\nname='x'\nshow_agreement_to_annotators=false\n[question]\nprompt='p'\nlabels=['a','b']\n\
                    [roles]\nleads=['lee']\nreviewers=['rev']\n";
        let spec = TaskSpec::from_toml(text).unwrap();
        assert_eq!(spec.roles.role_of("lee"), Role::Lead);
        assert_eq!(spec.roles.role_of("rev"), Role::Reviewer);
        assert_eq!(spec.roles.role_of("ann"), Role::Annotator);
        assert!(spec.permits("lee", Permission::ActAsOther));
        assert!(!spec.permits("rev", Permission::ActAsOther));
        assert!(spec.permits("rev", Permission::Review));
        assert!(!spec.permits("ann", Permission::Review));
        assert!(!spec.permits("ann", Permission::SeeAgreement), "blind mode hides agreement from annotators");
        assert!(spec.permits("rev", Permission::SeeAgreement));
    }
}
