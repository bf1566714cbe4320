#pragma once
// Strong index types: a PlaceId, an ArticleId and a FeatureId are all positions in some list,
// but each only in its own, so passing one where another is wanted is a compile error. Each
// has one "none" state (default-constructed), compares and hashes like its index, and gives the
// index back (`index()`) for subscripting a vector. 32 bits: the linker keeps millions of them.
#include <cassert>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace bm {

template <class Tag>
class Id {
  public:
    using Rep = uint32_t;

    constexpr Id() = default;  // none
    constexpr explicit Id(size_t index) : v_(static_cast<Rep>(index)) { assert(index < kNoneRep); }
    static constexpr Id none() { return Id(); }

    constexpr bool valid() const { return v_ != kNoneRep; }
    constexpr explicit operator bool() const { return valid(); }
    // The position in the list the id belongs to; only for a valid id.
    constexpr size_t index() const {
        assert(valid());
        return v_;
    }
    // The stored number, none included (for hashing and dense tables).
    constexpr Rep raw() const { return v_; }

    constexpr auto operator<=>(const Id&) const = default;

  private:
    static constexpr Rep kNoneRep = ~Rep(0);
    Rep v_ = kNoneRep;
};

// The ids of a list of `n` elements, in order: `for (PlaceId p : gazetteer.ids())`.
template <class IdT>
class IdRange {
  public:
    struct iterator {
        size_t i = 0;
        IdT operator*() const { return IdT(i); }
        iterator& operator++() {
            ++i;
            return *this;
        }
        bool operator==(const iterator&) const = default;
    };
    explicit IdRange(size_t n) : n_(n) {}
    iterator begin() const { return {0}; }
    iterator end() const { return {n_}; }
    size_t size() const { return n_; }

  private:
    size_t n_;
};

}  // namespace bm

template <class Tag>
struct std::hash<bm::Id<Tag>> {
    size_t operator()(bm::Id<Tag> id) const noexcept { return std::hash<uint32_t>{}(id.raw()); }
};
