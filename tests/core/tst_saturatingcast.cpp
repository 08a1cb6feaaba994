#include "util/saturatingcast.h"

#include <QTest>
#include <limits>

using namespace dopt;

/// roundToInt64 turns any double from outside input into a qint64 without undefined behaviour.
class TestSaturatingCast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundsValuesInRange()
    {
        QCOMPARE(roundToInt64(0.0), qint64(0));
        QCOMPARE(roundToInt64(1.4), qint64(1));
        QCOMPARE(roundToInt64(1.5), qint64(2));
        QCOMPARE(roundToInt64(-2.5), qint64(-3));
        QCOMPARE(roundToInt64(123456789012.0), qint64(123456789012));
    }

    void saturatesPastTheRange()
    {
        QCOMPARE(roundToInt64(4.44444e78), qint64(9'000'000'000'000'000'000));
        QCOMPARE(roundToInt64(-1e300), qint64(-9'000'000'000'000'000'000));
        QCOMPARE(roundToInt64(std::numeric_limits<double>::infinity()), qint64(9'000'000'000'000'000'000));
        QCOMPARE(roundToInt64(-std::numeric_limits<double>::infinity()), qint64(-9'000'000'000'000'000'000));
    }

    void notANumberIsZero() { QCOMPARE(roundToInt64(std::numeric_limits<double>::quiet_NaN()), qint64(0)); }
};

QTEST_GUILESS_MAIN(TestSaturatingCast)
#include "tst_saturatingcast.moc"
