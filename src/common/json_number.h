#pragma once
// Range-checked numbers from JSON files (session, export sidecar). nlohmann's get<int>() and
// get<float>() convert a double that does not fit with a plain cast, which is undefined
// behaviour: {"width": 1e300} (found by fuzz_session). These throw JsonNumberError instead,
// naming the field.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace bm {

struct JsonNumberError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline double json_double(const nlohmann::json& v, const std::string& field) {
    if (!v.is_number()) throw JsonNumberError(field + ": not a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw JsonNumberError(field + ": not a finite number");
    return d;
}

inline int json_int(const nlohmann::json& v, const std::string& field) {
    const double d = json_double(v, field);
    if (!(d >= std::numeric_limits<int>::min() && d <= std::numeric_limits<int>::max()))
        throw JsonNumberError(field + ": " + v.dump() + " is out of range");
    return v.is_number_float() ? static_cast<int>(d) : static_cast<int>(v.get<long long>());
}

inline float json_float(const nlohmann::json& v, const std::string& field) {
    const double d = json_double(v, field);
    if (std::fabs(d) > double(std::numeric_limits<float>::max()))
        throw JsonNumberError(field + ": " + v.dump() + " is out of range");
    return static_cast<float>(d);
}

// obj[key] when obj is an object holding key, else `fallback`; a non-object obj is an error.
template <class T>
T json_field(const nlohmann::json& obj, const char* key, T fallback, const std::string& field) {
    if (!obj.is_object()) throw JsonNumberError(field + ": not an object");
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    const std::string name = field + "." + key;
    if constexpr (std::is_same_v<T, int>)
        return json_int(*it, name);
    else
        return json_float(*it, name);
}

}  // namespace bm
