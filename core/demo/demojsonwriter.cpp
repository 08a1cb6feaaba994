#include "demojsonwriter.h"

#include <charconv>
#include <cstring>
#include <string_view>

namespace dopt {

void DemoJsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
    }
}

void DemoJsonWriter::open(char bracket)
{
    separate();
    m_out += bracket;
    m_first.push_back(true);
}

void DemoJsonWriter::close(char bracket)
{
    m_out += bracket;
    m_first.pop_back();
}

DemoJsonWriter& DemoJsonWriter::key(const char* name)
{
    separate();
    m_out += '"';
    appendEscaped(m_out, QByteArray::fromRawData(name, qsizetype(std::strlen(name))));
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

DemoJsonWriter& DemoJsonWriter::key(const QString& name)
{
    separate();
    m_out += '"';
    appendEscaped(m_out, name.toUtf8());
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

void DemoJsonWriter::value(qint64 number)
{
    separate();
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    m_out.append(buffer, result.ptr - buffer);
}

void DemoJsonWriter::value(double number)
{
    separate();
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    const std::string_view text(buffer, size_t(result.ptr - buffer));
    m_out.append(buffer, result.ptr - buffer);
    // Jackson writes doubles with a decimal point ("5288.0"); keep that look.
    if (text.find_first_of(".eE") == std::string_view::npos)
        m_out += ".0";
}

void DemoJsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
}

void DemoJsonWriter::value(const QString& text)
{
    separate();
    m_out += '"';
    appendEscaped(m_out, text.toUtf8());
    m_out += '"';
}

void DemoJsonWriter::value(const char* text)
{
    separate();
    m_out += '"';
    appendEscaped(m_out, QByteArray::fromRawData(text, qsizetype(std::strlen(text))));
    m_out += '"';
}

void DemoJsonWriter::raw(const QByteArray& json)
{
    separate();
    m_out += json;
}

void DemoJsonWriter::appendEscaped(QByteArray& out, const QByteArray& utf8)
{
    static const char hex[] = "0123456789abcdef";
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
}

} // namespace dopt
