#include "reportpdfwriter.h"

#include "coretexts.h"
#include "displayformat.h"
#include "pdfpagelayout.h"
#include "reportcharts.h"
#include "reportnumbers.h"
#include "sqlcodeblock.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonValue>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace dopt {

namespace {

constexpr int MaxTocEntries = 40; // the contents stay on one page so page numbers never shift

QString evidenceValue(const Evidence& evidence, const ReportNumbers& numbers)
{
    const QString unit = evidence.unit;
    if (unit == QLatin1String("ms"))
        return numbers.durationWithMs(qRound64(evidence.value));
    if (unit == QLatin1String("bytes"))
        return numbers.bytes(qRound64(evidence.value));
    if (unit == QLatin1String("epoch_ms"))
        return numbers.dateTime(qRound64(evidence.value));
    if (unit == QLatin1String("p"))
        return numbers.significant(evidence.value, 3);
    if (unit == QLatin1String("ratio"))
        return ReportNumbers::tr("%1×", "a ratio such as 2.5 times slower").arg(numbers.significant(evidence.value, 4));
    if (unit == QLatin1String("share"))
        return numbers.percent(evidence.value);
    if (unit == QLatin1String("%"))
        return numbers.percentValue(evidence.value);
    const QString number = std::abs(evidence.value - qRound64(evidence.value)) < 1e-9
        ? numbers.grouped(qRound64(evidence.value))
        : numbers.significant(evidence.value, 5);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString shortSql(const QString& sql, int maxChars = 160)
{
    return DisplayFormat::firstLine(sql.simplified(), maxChars);
}

} // namespace

bool ReportPdfWriter::write(const QString& path, QString* error)
{
    // Pass 1 finds the page of every section, pass 2 writes the file with those numbers.
    QVector<TocEntry> toc;
    int totalPages = 0;
    {
        QBuffer scratch;
        scratch.open(QIODevice::WriteOnly);
        QPdfWriter writer(&scratch);
        PdfPageLayout layout(&writer);
        if (!layout.isActive()) {
            if (error)
                *error = tr("cannot start the PDF painter");
            return false;
        }
        render(layout, {}, 0);
        totalPages = layout.page();
        for (const PdfPageLayout::Section& section : layout.sections())
            toc.append({section.title, section.level, section.page});
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1: cannot write the report: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setTitle(tr("Dremio Optimizer report"));
        writer.setCreator(QStringLiteral("Dremio Optimizer %1").arg(m_data.appVersion));
        PdfPageLayout layout(&writer);
        if (!layout.isActive()) {
            if (error)
                *error = tr("%1: cannot start the PDF painter").arg(path);
            return false;
        }
        render(layout, toc, totalPages);
        m_pageCount = layout.page();
    }
    if (!file.commit()) {
        if (error)
            *error = tr("%1: cannot write the report: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ReportPdfWriter::render(PdfPageLayout& layout, const QVector<TocEntry>& toc, int totalPages)
{
    layout.setFooter(
        tr("Dremio Optimizer report · %1").arg(QFileInfo(m_data.workspaceLocation).fileName()), totalPages);
    cover(layout);
    layout.newPage();
    contents(layout, toc);
    summary(layout);
    regressions(layout);
    workload(layout);
    for (const ReportData::Recommendation& r : m_data.recommendations)
        recommendation(layout, r);
    models(layout);
    appendix(layout);
    layout.finish();
}

QString ReportPdfWriter::timeRange() const
{
    const QString from = m_data.filter.sinceMs ? m_numbers.dateTime(*m_data.filter.sinceMs)
        : m_data.firstJobMs                    ? m_numbers.dateTime(*m_data.firstJobMs)
                                               : tr("the first job");
    const QString to = m_data.filter.untilMs ? m_numbers.dateTime(*m_data.filter.untilMs)
        : m_data.lastJobMs                   ? m_numbers.dateTime(*m_data.lastJobMs)
                                             : tr("the last job");
    return tr("%1 to %2").arg(from, to);
}

void ReportPdfWriter::note(PdfPageLayout& layout, const QString& text)
{
    layout.paragraph(text, PdfPageLayout::font(9, false), QColor(0x55, 0x5b, 0x63));
}

void ReportPdfWriter::cover(PdfPageLayout& layout)
{
    layout.space(140);
    layout.paragraph(tr("Dremio Optimizer report"), PdfPageLayout::font(28, true), QColor(0x1f, 0x3a, 0x5f));
    layout.space(10);
    const QFont big = PdfPageLayout::font(12);
    layout.paragraph(tr("Workspace: %1").arg(m_data.workspaceLocation), big);
    layout.paragraph(tr("Time range: %1").arg(timeRange()), big);
    layout.paragraph(tr("Jobs: %1").arg(m_numbers.grouped(m_data.jobCount)), big);
    layout.paragraph(tr("Generated: %1").arg(m_numbers.dateTime(m_data.generatedMs)), big);
    layout.space(16);
    layout.paragraph(tr("Sources"), PdfPageLayout::font(12, true));
    if (m_data.sources.isEmpty())
        note(layout, tr("No source in this workspace."));
    QVector<QStringList> rows;
    for (const ReportData::Source& source : m_data.sources)
        rows.append({source.name, source.kind, source.demo ? tr("demo data") : tr("real data"),
            m_numbers.grouped(source.jobs)});
    if (!rows.isEmpty())
        layout.table({{tr("Source"), 3}, {tr("Kind"), 2}, {tr("Data"), 1.5}, {tr("Jobs in range"), 1.5, true}}, rows);
    const bool demo
        = std::any_of(m_data.sources.begin(), m_data.sources.end(), [](const ReportData::Source& s) { return s.demo; });
    if (demo)
        note(layout, tr("This workspace holds generated demo data: its figures describe no real system."));
}

void ReportPdfWriter::contents(PdfPageLayout& layout, const QVector<TocEntry>& toc)
{
    layout.paragraph(tr("Contents"), PdfPageLayout::font(18, true), QColor(0x1f, 0x3a, 0x5f));
    layout.space(6);
    QPainter* painter = layout.painter();
    const int shown = qMin(int(toc.size()), MaxTocEntries);
    for (int i = 0; i < shown; ++i) {
        const TocEntry& entry = toc[i];
        const double indent = entry.level == 1 ? 0 : 16;
        const QRectF box = layout.reserve(entry.level == 1 ? 17 : 14);
        painter->setFont(PdfPageLayout::font(entry.level == 1 ? 10 : 9, entry.level == 1));
        painter->setPen(Qt::black);
        const QString title = painter->fontMetrics().elidedText(entry.title, Qt::ElideRight, int(box.width() - 60));
        painter->drawText(box.adjusted(indent, 0, -40, 0), Qt::AlignLeft | Qt::AlignVCenter, title);
        painter->drawText(box, Qt::AlignRight | Qt::AlignVCenter, m_numbers.grouped(entry.page));
    }
}

void ReportPdfWriter::summary(PdfPageLayout& layout)
{
    layout.heading(tr("Executive summary"));
    const ReportData& d = m_data;
    const double acceleratedShare = d.jobCount > 0 ? double(d.acceleratedJobs) / d.jobCount : 0;
    const ReportData::MeasurementSummary& m = d.measurements;
    QVector<QStringList> figures {
        {tr("Jobs in the time range"), m_numbers.grouped(d.jobCount)},
        {tr("Completed / failed / cancelled"),
            tr("%1 / %2 / %3")
                .arg(m_numbers.grouped(d.completedJobs), m_numbers.grouped(d.failedJobs),
                    m_numbers.grouped(d.cancelledJobs))},
        {tr("Accelerated by reflections"),
            tr("%1 jobs (%2)").arg(m_numbers.grouped(d.acceleratedJobs), m_numbers.percent(acceleratedShare))},
        {tr("Jobs with a query profile"), m_numbers.grouped(d.jobsWithProfile)},
        {tr("Total run time"), m_numbers.durationWithMs(d.totalDurationMs)},
        {tr("Findings"),
            tr("%1 from %2 detectors")
                .arg(m_numbers.grouped(d.findingCount), m_numbers.grouped(d.findingsByDetector.size()))},
        {d.recommendationsFromFindings ? tr("Estimated saving, all findings")
                                       : tr("Estimated saving, all recommendations"),
            m_numbers.durationWithMs(d.totalEstimatedSavingMs)},
        {tr("Regressions"), m_numbers.grouped(d.regressions.size())},
        {tr("Changes measured"),
            tr("%1 (improved %2, no change %3, regressed %4)")
                .arg(m_numbers.grouped(m.done), m_numbers.grouped(m.improved), m_numbers.grouped(m.noChange),
                    m_numbers.grouped(m.regressed))},
    };
    if (m.improved > 0)
        figures.append({tr("Measured saving per run of the improved statements"),
            m_numbers.durationWithMs(qRound64(m.savedMsPerRun))});
    layout.table({{tr("Figure"), 3}, {tr("Value"), 4}}, figures);

    layout.heading(tr("Top recommendations"), 2);
    if (d.recommendations.isEmpty()) {
        note(layout,
            tr("No recommendation and no finding in this workspace: run the analysis first "
               "(dremio-optimizer-cli analyze)."));
    } else {
        if (d.recommendationsFromFindings)
            note(layout,
                tr("This workspace has no ranked recommendations yet; the findings with the largest "
                   "estimated saving are shown instead."));
        QVector<QStringList> rows;
        for (const ReportData::Recommendation& r : d.recommendations) {
            const QString share = r.currentCostMs > 0 ? m_numbers.percent(double(r.improvementMs) / r.currentCostMs)
                                                      : m_numbers.percent(r.improvementShare);
            rows.append({m_numbers.grouped(r.rank), CoreTexts::analysisText(r.titleText, r.title, m_numbers.locale()),
                r.action, m_numbers.durationWithMs(r.improvementMs), share, m_numbers.percent(r.confidence)});
        }
        layout.table({{tr("#"), 0.4, true}, {tr("Recommendation"), 3.8}, {tr("Action"), 1.7},
                         {tr("Estimated saving"), 2.1, true}, {tr("Return"), 1.1, true}, {tr("Confidence"), 1.4, true}},
            rows);
        note(layout, tr("Return: the estimated saving as a share of the run time of the statements concerned."));
    }

    if (!d.findingsByDetector.isEmpty()) {
        QStringList labels;
        QVector<double> values;
        QStringList texts;
        for (const ReportData::DetectorCount& c : d.findingsByDetector) {
            labels.append(c.detector);
            values.append(c.findings);
            texts.append(tr("%Ln finding(s)", nullptr, c.findings));
        }
        const double height = 30 + 14 * values.size();
        ReportCharts::horizontalBars(
            layout.painter(), layout.reserve(height), tr("Findings by detector"), labels, values, texts);
    }
}

void ReportPdfWriter::regressions(PdfPageLayout& layout)
{
    layout.heading(tr("Regressions"));
    if (m_data.regressions.isEmpty()) {
        note(layout, tr("No statement got significantly slower in this time range (or the analysis has not run)."));
        return;
    }
    note(layout,
        tr("Statements whose recent runs are slower than their baseline, with a one-sided Mann-Whitney U "
           "test (p-value) and a median at least 1.5× slower."));
    QVector<QStringList> rows;
    for (const Baseline& b : m_data.regressions) {
        const Regression& r = *b.regression;
        rows.append({shortSql(b.sql, 120), m_numbers.date(r.sinceMs),
            tr("%1 → %2").arg(m_numbers.duration(r.baselineP50), m_numbers.duration(r.recentP50)),
            tr("%1 → %2").arg(m_numbers.duration(r.baselineP95), m_numbers.duration(r.recentP95)),
            m_numbers.ratio(r.medianRatio, 2), m_numbers.significant(r.pValue, 3),
            tr("%1 / %2").arg(m_numbers.grouped(r.baselineSize), m_numbers.grouped(r.recentSize))});
    }
    layout.table({{tr("Statement"), 4.2}, {tr("Since"), 1.6}, {tr("Median"), 2.2}, {tr("P95"), 2.2},
                     {tr("Slower"), 1, true}, {tr("p-value"), 1.4, true}, {tr("Runs (base / recent)"), 1.4, true}},
        rows);
}

void ReportPdfWriter::workload(PdfPageLayout& layout)
{
    layout.heading(tr("Workload"));
    if (m_data.jobsPerDay.isEmpty()) {
        note(layout, tr("No job in this time range."));
    } else {
        QStringList labels;
        QVector<double> jobs;
        QVector<double> hours;
        for (const ReportData::DayCount& day : m_data.jobsPerDay) {
            labels.append(m_numbers.dayMonth(day.dayStartMs));
            jobs.append(double(day.jobs));
            hours.append(day.totalDurationMs / 3.6e6);
        }
        ReportCharts::bars(
            layout.painter(), m_numbers, layout.reserve(170), tr("Jobs per day (UTC)"), labels, jobs, tr("jobs"));
        layout.space(8);
        ReportCharts::bars(
            layout.painter(), m_numbers, layout.reserve(170), tr("Run time per day (UTC)"), labels, hours, tr("h"));
        layout.space(8);
    }
    layout.heading(tr("Workload patterns"), 2);
    if (m_data.patterns.isEmpty()) {
        note(layout, tr("No workload pattern has been computed for this workspace."));
        return;
    }
    QVector<QStringList> rows;
    for (const ReportData::Pattern& p : m_data.patterns) {
        QStringList detail;
        for (auto it = p.detail.begin(); it != p.detail.end() && detail.size() < 4; ++it) {
            const QJsonValue value = it.value();
            const QString text = value.isDouble() ? m_numbers.significant(value.toDouble(), 4)
                : value.isString()                ? value.toString()
                                                  : QString();
            if (!text.isEmpty())
                detail.append(it.key() + QStringLiteral(": ") + text);
        }
        rows.append({p.type, m_numbers.percent(p.confidence),
            p.sql.isEmpty() ? QStringLiteral("-") : shortSql(p.sql, 100), detail.join(QStringLiteral(", "))});
    }
    layout.table({{tr("Pattern"), 1.5}, {tr("Confidence"), 1, true}, {tr("Statement"), 3}, {tr("Detail"), 3}}, rows);
}

void ReportPdfWriter::recommendation(PdfPageLayout& layout, const ReportData::Recommendation& r)
{
    layout.heading(
        tr("Recommendation %1: %2")
            .arg(m_numbers.grouped(r.rank), CoreTexts::analysisText(r.titleText, r.title, m_numbers.locale())));
    QVector<QStringList> facts {{tr("Detector"), r.detector}, {tr("Action"), r.action},
        {tr("Severity"), severityName(r.severity)}, {tr("Confidence"), m_numbers.percent(r.confidence)},
        {tr("Runs of the statement"), m_numbers.grouped(r.frequency)},
        {tr("Estimated saving"), m_numbers.durationWithMs(r.improvementMs)},
        {tr("Share of run time saved"), m_numbers.percent(r.improvementShare)}, {tr("Status"), r.status}};
    if (r.currentCostMs > 0)
        facts.insert(5, {tr("Current cost"), m_numbers.durationWithMs(r.currentCostMs)});
    if (!r.jobIds.isEmpty())
        facts.append({tr("Example jobs"), r.jobIds.mid(0, 3).join(QStringLiteral("\n"))});
    layout.table({{tr("Figure"), 2}, {tr("Value"), 5}}, facts);
    if (!r.rationale.isEmpty())
        layout.paragraph(
            CoreTexts::analysisText(r.rationaleText, r.rationale, m_numbers.locale()), PdfPageLayout::font(9));

    layout.heading(tr("Evidence"), 2);
    if (r.evidence.isEmpty()) {
        note(layout, tr("No figures recorded."));
    } else {
        QVector<QStringList> rows;
        for (const Evidence& e : r.evidence)
            rows.append({CoreTexts::evidenceName(e.name), evidenceValue(e, m_numbers)});
        layout.table({{tr("Measure"), 3}, {tr("Value"), 4, true}}, rows);
    }

    if (!r.sqlAfter.isEmpty()) {
        layout.heading(tr("SQL change"), 2);
        const auto [before, after] = SqlCodeBlock::diff(r.sqlBefore, r.sqlAfter);
        note(layout, tr("Before (removed parts on red):"));
        SqlCodeBlock::draw(layout, before);
        note(layout, tr("After (added parts on green):"));
        SqlCodeBlock::draw(layout, after);
    } else if (!r.sqlBefore.isEmpty()) {
        layout.heading(tr("SQL"), 2);
        SqlCodeBlock::draw(layout, SqlCodeBlock::highlighted(r.sqlBefore));
    }

    layout.heading(tr("Plan"), 2);
    if (r.plan.isEmpty()) {
        note(layout, tr("No query profile of the example jobs is in this workspace."));
    } else {
        note(layout,
            tr("Operators of job %1 on the way to the one concerned (marked), with its inputs:").arg(r.planJobId));
        QVector<SqlCodeBlock::Run> runs;
        for (const ReportData::PlanLine& line : r.plan) {
            SqlCodeBlock::Run run;
            run.text = QString(line.depth * 2, QLatin1Char(' ')) + line.key + QLatin1Char(' ') + line.typeName
                + tr("  rows %1  %2 ms")
                      .arg(line.outputRecords < 0 ? QStringLiteral("-") : m_numbers.grouped(line.outputRecords))
                      .arg(m_numbers.decimal(line.processMs, 1))
                + (line.detail.isEmpty() ? QString() : QStringLiteral("  ") + DisplayFormat::firstLine(line.detail, 60))
                + QLatin1Char('\n');
            if (line.focus) {
                run.bold = true;
                run.background = SqlCodeBlock::RemovedBackground;
            }
            runs.append(run);
        }
        SqlCodeBlock::draw(layout, runs);
    }

    layout.heading(tr("Measured result"), 2);
    if (!r.measurement) {
        note(layout, tr("Not measured yet: apply the change and measure it to compare before and after."));
        return;
    }
    const ReportData::Measurement& m = *r.measurement;
    if (!m.beforeRunsMs.isEmpty() || !m.afterRunsMs.isEmpty())
        ReportCharts::beforeAfter(layout.painter(), m_numbers, layout.reserve(160),
            tr("Measured runs before and after (ms)"), m.beforeRunsMs, m.afterRunsMs, m.medianBeforeMs,
            m.medianAfterMs);
    QString verdict = tr("Verdict: %1. Median %2 → %3")
                          .arg(CoreTexts::verdict(m.verdict), m_numbers.durationWithMs(qRound64(m.medianBeforeMs)),
                              m_numbers.durationWithMs(qRound64(m.medianAfterMs)));
    if (m.speedup)
        verdict += tr(", speed-up %1").arg(m_numbers.ratio(*m.speedup, 2));
    if (m.speedupCiLow && m.speedupCiHigh)
        verdict += tr(" (95% interval %1–%2)")
                       .arg(m_numbers.decimal(*m.speedupCiLow, 2), m_numbers.decimal(*m.speedupCiHigh, 2));
    if (m.pValue)
        verdict += tr(", p = %1").arg(m_numbers.significant(*m.pValue, 3));
    verdict += tr(", %Ln run(s) per variant.", nullptr, m.runs);
    layout.paragraph(verdict, PdfPageLayout::font(9, true));
    if (!m.measuredQuery) {
        note(layout, CoreTexts::measuredQueryNotRecorded());
        return;
    }
    layout.paragraph(tr("Query timed (chosen by %1):").arg(CoreTexts::queryChooser(m.measuredQuery->chosenBy)),
        PdfPageLayout::font(9, false));
    SqlCodeBlock::draw(layout, SqlCodeBlock::highlighted(m.measuredQuery->sql));
    note(layout, CoreTexts::measuredQueryOrigin(*m.measuredQuery));
}

void ReportPdfWriter::models(PdfPageLayout& layout)
{
    layout.heading(tr("Model accuracy"));
    if (m_data.models.isEmpty()) {
        note(layout, tr("No run-time model has been trained on this workspace."));
        return;
    }
    for (const ReportData::Model& model : m_data.models) {
        layout.heading(tr("%1 (%2)").arg(model.family, model.target), 2);
        QVector<QStringList> rows {
            {tr("Trained"), m_numbers.dateTime(model.trainedMs)}, {tr("Jobs"), m_numbers.grouped(model.jobCount)}};
        for (auto it = model.metrics.begin(); it != model.metrics.end(); ++it) {
            const QJsonValue value = it.value();
            if (value.isDouble())
                rows.append({it.key(), m_numbers.significant(value.toDouble(), 4)});
            else if (value.isString())
                rows.append({it.key(), value.toString()});
        }
        layout.table({{tr("Metric"), 3}, {tr("Value"), 4, true}}, rows);
    }
}

void ReportPdfWriter::appendix(PdfPageLayout& layout)
{
    layout.heading(tr("Appendix: settings"));
    QVector<QStringList> rows;
    for (const ReportData::Setting& setting : m_data.settings)
        rows.append({setting.name, setting.value});
    layout.table({{tr("Setting"), 2}, {tr("Value"), 5}}, rows);
    if (!m_data.findingsByDetector.isEmpty()) {
        layout.heading(tr("Findings by detector"), 2);
        QVector<QStringList> counts;
        for (const ReportData::DetectorCount& c : m_data.findingsByDetector)
            counts.append({c.detector, m_numbers.grouped(c.findings), m_numbers.grouped(c.occurrences),
                m_numbers.durationWithMs(c.improvementMs)});
        layout.table({{tr("Detector"), 2}, {tr("Findings"), 1, true}, {tr("Jobs"), 1, true},
                         {tr("Estimated saving"), 2.5, true}},
            counts);
        layout.heading(tr("What the detectors look for"), 2);
        QVector<QStringList> descriptions;
        for (const ReportData::DetectorCount& c : m_data.findingsByDetector)
            descriptions.append({c.detector, CoreTexts::detectorDescription(c.detector)});
        layout.table({{tr("Detector"), 2}, {tr("Description"), 5}}, descriptions);
    }
    if (!m_data.warnings.isEmpty()) {
        layout.heading(tr("Warnings"), 2);
        note(layout, m_data.warnings.join(QLatin1Char('\n')));
    }
}

} // namespace dopt
