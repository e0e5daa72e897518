//! tui
pub struct TuiOptions { pub annotator: String }
pub fn run_annotate(_p: &crate::project::Project, _o: TuiOptions) -> anyhow::Result<()> { Ok(()) }
