// swift-tools-version:6.0
// slagit: service level agreements kept as structured text in git.
//
// The C libraries come from Debian as system-library targets; nothing is fetched.
import PackageDescription

let package = Package(
    name: "slagit",
    products: [
        .executable(name: "slagit", targets: ["slagit"]),
        .library(name: "SlagitCore", targets: ["SlagitCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Wraps what Swift cannot call directly: libgit2's variadic git_libgit2_opts.
        .target(name: "CGitShim", dependencies: ["CGit2"]),
        .target(
            name: "SlagitCore",
            dependencies: ["CGit2", "CGitShim", "CYAML", "CCmarkGFM"]
        ),
        .executableTarget(name: "slagit", dependencies: ["SlagitCore"]),
        .testTarget(
            name: "SlagitCoreTests",
            // Depends on the executable so that it is built: end-to-end tests run it.
            dependencies: ["SlagitCore", "slagit"]
        ),
    ]
)
