#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace dopt {

/// A small streaming JSON writer into a QByteArray: commas and escaping handled, numbers written
/// the same way on every platform (shortest round-trip doubles). The demo generator writes
/// hundreds of thousands of profiles, where QJsonDocument's tree would be the bottleneck.
class DemoJsonWriter
{
public:
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    /// Starts a member; follow it with exactly one value or begin*().
    DemoJsonWriter& key(const char* name);
    DemoJsonWriter& key(const QString& name);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(double number);
    void value(bool flag);
    void value(const QString& text);
    void value(const char* text);
    /// Inserts already serialised JSON as the next value.
    void raw(const QByteArray& json);

    template <typename T> void field(const char* name, const T& v)
    {
        key(name);
        value(v);
    }

    const QByteArray& data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }
    void reserve(qsizetype bytes) { m_out.reserve(bytes); }

    static void appendEscaped(QByteArray& out, const QByteArray& utf8);

private:
    void separate();
    void open(char bracket);
    void close(char bracket);

    QByteArray m_out;
    std::vector<bool> m_first; // per open container: no member written yet
    bool m_afterKey = false;
};

} // namespace dopt
