#pragma once

namespace dopt {

/// Minimum height of a pane stacked with others beside the job's SQL (profile tree detail, findings,
/// datasets). Qt's default for a scroll area is about 70 pixels; with several panes that added up to
/// a main window taller than a 768-pixel laptop screen. Users can still drag the splitters.
inline constexpr int CompactPaneHeight = 40;

} // namespace dopt
