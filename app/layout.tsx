import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

// No title here: each page renders its own (components/page-title.tsx), so a page that gives up leaves none behind.
export const metadata: Metadata = {
  description: "Credential posture for the age of AI agents",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
