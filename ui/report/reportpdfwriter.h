#pragma once

#include "report/reportdata.h"
#include "reportnumbers.h"

#include <QCoreApplication>
#include <QString>

namespace dopt {

class PdfPageLayout;

/// Writes a ReportData as a PDF: cover, table of contents with page numbers, executive summary,
/// regressions, workload, one section per top recommendation (evidence, SQL diff, plan excerpt,
/// measured before/after), model accuracy and an appendix of settings. Vector charts, embedded
/// fonts. Needs a QGuiApplication (fonts) but no display: the offscreen platform is enough.
/// Figures follow the given locale (the texts follow the installed translation).
class ReportPdfWriter
{
    Q_DECLARE_TR_FUNCTIONS(dopt::ReportPdfWriter)
public:
    explicit ReportPdfWriter(const ReportData& data, const QLocale& locale = QLocale())
        : m_data(data)
        , m_numbers(locale)
    { }

    /// Writes the file (replacing it); false with *error naming the file when it cannot be written.
    bool write(const QString& path, QString* error);
    /// Pages of the last write.
    int pageCount() const { return m_pageCount; }

private:
    struct TocEntry
    {
        QString title;
        int level = 1;
        int page = 0;
    };
    /// Lays the whole report out; toc gives the page numbers found by a previous pass.
    void render(PdfPageLayout& layout, const QVector<TocEntry>& toc, int totalPages);
    void cover(PdfPageLayout& layout);
    void contents(PdfPageLayout& layout, const QVector<TocEntry>& toc);
    void summary(PdfPageLayout& layout);
    void regressions(PdfPageLayout& layout);
    void workload(PdfPageLayout& layout);
    void recommendation(PdfPageLayout& layout, const ReportData::Recommendation& recommendation);
    void models(PdfPageLayout& layout);
    void appendix(PdfPageLayout& layout);
    void note(PdfPageLayout& layout, const QString& text);
    QString timeRange() const;

    const ReportData& m_data;
    ReportNumbers m_numbers;
    int m_pageCount = 0;
};

} // namespace dopt
