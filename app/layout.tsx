import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Breakwater", template: "%s · Breakwater" },
  description: "Incident response console for sandboxed-plugin fleets",
};

// Runs before first paint so a light-theme viewer never sees a dark flash (and the reverse):
// the stored choice (components/shell/display-settings.tsx), else the system's colour scheme.
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("bw-theme");var d=t==="dark"||(t!=="light"&&!matchMedia("(prefers-color-scheme: light)").matches);var c=document.documentElement.classList;c.toggle("dark",d);c.toggle("light",!d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})()`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
