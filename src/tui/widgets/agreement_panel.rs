//! Live agreement: a side panel on wide terminals, one line of the progress row otherwise.

use crate::i18n::catalogue::tui as msg;
use crate::tui::app::LiveView;
use crate::tui::live::StatView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

fn percent(stat: &StatView) -> String {
    match stat {
        StatView::Value(value) => format!("{:.1}%", value * 100.0),
        StatView::Undefined { .. } => crate::i18n::catalogue::common::UNDEFINED.text().to_string(),
    }
}

fn alpha(stat: &StatView) -> String {
    match stat {
        StatView::Value(value) => format!("{value:.3}"),
        StatView::Undefined { .. } => crate::i18n::catalogue::common::UNDEFINED.text().to_string(),
    }
}

/// Lines for one statistic: name and value, then the reason when it is undefined.
fn stat_lines(name: &str, value: String, stat: &StatView) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(name.to_string()).dim(), Line::from(value).bold()];
    if let StatView::Undefined { reason } = stat {
        lines.push(Line::from(crate::core::sanitize::sanitize_plain(reason)).italic());
    }
    lines
}

pub fn render_panel(frame: &mut Frame, area: Rect, live: &LiveView) {
    let block = Block::bordered().title(format!(" {} ", msg::AGREEMENT_TITLE.text())).padding(Padding::horizontal(1));
    let mut lines = Vec::new();
    match &live.snapshot {
        None => lines.push(Line::from(msg::AGREEMENT_WAITING.text()).dim()),
        Some(snapshot) => {
            let pa = &snapshot.percent_agreement;
            let ka = &snapshot.krippendorff_alpha;
            lines.extend(stat_lines(msg::PERCENT_AGREEMENT.text(), percent(pa), pa));
            lines.push(Line::default());
            lines.extend(stat_lines(msg::KRIPPENDORFF_ALPHA.text(), alpha(ka), ka));
            lines.push(Line::default());
            lines.push(Line::from(msg::ITEMS_PAIRED.fmt(&[("n", &snapshot.n_items_paired)])).dim());
        }
    }
    if live.error.is_some() {
        lines.push(Line::default());
        lines.push(Line::styled(msg::AGREEMENT_STALE.text(), crate::tui::theme::warning()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}

/// Formats the one-line form, e.g. `agreement 84.0% · α 0.712`, fitted into `width` columns.
/// An undefined statistic carries its reason.
pub fn compact_line(live: &LiveView, width: usize) -> Line<'static> {
    let Some(snapshot) = &live.snapshot else {
        return Line::from(crate::tui::fit(msg::AGREEMENT_WAITING.text(), width)).dim();
    };
    let pa = &snapshot.percent_agreement;
    let ka = &snapshot.krippendorff_alpha;
    let stale = if live.error.is_some() { format!(" ({})", msg::AGREEMENT_STALE_SHORT.text()) } else { String::new() };
    let text = match (pa, ka) {
        (StatView::Undefined { reason }, _) => {
            format!(
                "{} {}: {reason}{stale}",
                msg::AGREEMENT_SHORT.text(),
                crate::i18n::catalogue::common::UNDEFINED.text()
            )
        }
        (_, StatView::Undefined { reason }) => {
            format!(
                "{} {} · α {}: {reason}{stale}",
                msg::AGREEMENT_SHORT.text(),
                percent(pa),
                crate::i18n::catalogue::common::UNDEFINED.text()
            )
        }
        _ => format!("{} {} · α {}{stale}", msg::AGREEMENT_SHORT.text(), percent(pa), alpha(ka)),
    };
    Line::from(crate::tui::fit(&text, width))
}
